// clearprop: the headless training CLI (train, eval, predict, gradcheck, inspect, convert, export).
// Usage: node --conditions=@clearprop/source --import tsx apps/runner/src/main.ts <command> [options]   (or `npx clearprop …`, `npx nx run runner:train`)
// Wiring only: the real process goes in, an exit code comes out. See docs/runner.md.
import { runCli } from './cli.ts';
import { EXIT } from './exit-codes.ts';
import { processIo } from './io.ts';

const io = processIo();
const code = await runCli(process.argv.slice(2), io);
process.exitCode = code === EXIT.ok && io.pipeClosed() ? EXIT.brokenPipe : code;
