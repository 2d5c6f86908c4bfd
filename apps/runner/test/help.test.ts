import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { PRESET_NAMES } from '@clearprop/training/presets';
import { runCli } from '../src/cli.ts';
import { fakeIo } from './fake-io.ts';

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const run = async (args: string[]) => {
  const io = fakeIo('/');
  return { code: await runCli(args, io), stdout: io.out(), stderr: io.err() };
};

describe('clearprop --help / --version', () => {
  it('--version and -V print the package version on stdout and exit 0', async () => {
    for (const flag of ['--version', '-V']) expect(await run([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('--help lists every command on stdout and exits 0; bare clearprop prints it on stderr and exits 2', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['train', 'eval', 'predict', 'gradcheck', 'inspect', 'convert']) expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    const bare = await run([]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toBe(help.stdout);
  });

  it('train --help names every preset (from @clearprop/training/presets) and the exit codes', async () => {
    const help = await run(['train', '--help']);
    expect(help.code).toBe(0);
    // Commander wraps to 80 columns without a terminal.
    expect(help.stdout.replace(/\s+/g, ' ')).toContain(`(choices: ${PRESET_NAMES.map((name) => `"${name}"`).join(', ')})`);
    expect(help.stdout).toContain('Exit codes: 0 done, 1 bad input, 2 usage, 3 NaN/divergence, 130 interrupted');
  });

  it('an unknown flag is a usage error (exit 2) naming the flag', async () => {
    expect(await run(['--frobnicate'])).toEqual({ code: 2, stdout: '', stderr: "error: unknown option '--frobnicate'\n(add --help for usage)\n" });
  });
});
