// clearprop: the headless training CLI (train, eval, predict, gradcheck, inspect, convert, export).
// Usage: node --conditions=@clearprop/source --import tsx apps/runner/src/main.ts <command> [options]   (or `npx clearprop …`, `npx nx run runner:train`)
// Wiring only: the real process goes in, an exit code comes out. See docs/runner.md.
import { runCli } from './cli.ts';
import { processIo } from './io.ts';

process.exitCode = await runCli(process.argv.slice(2), processIo());
