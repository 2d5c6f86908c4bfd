#!/usr/bin/env node
// The `clearprop` executable: registers tsx so the TypeScript sources run without a build, then starts the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
