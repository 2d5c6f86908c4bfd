import { describe, expect, it } from '@jest/globals';
import { parseDashboardArgs, USAGE, UsageError } from './args.ts';

describe('parseDashboardArgs: --help and --version', () => {
  it('-h/--help and -V/--version win over everything else on the line', () => {
    for (const flag of ['-h', '--help']) expect(parseDashboardArgs(['--preset', 'xor', flag])).toEqual({ kind: 'help' });
    for (const flag of ['-V', '--version']) expect(parseDashboardArgs([flag, '--plain'])).toEqual({ kind: 'version' });
  });

  it('the usage names the bin and every option the parser accepts', () => {
    expect(USAGE).toMatch(/^usage: clearprop-dashboard \[options\]/);
    for (const option of ['--preset', '--config', '--follow', '--replay', '--speed', '--epochs', '--batch-size', '--lr', '--seed', '--out', '--plain', '--help', '--version']) {
      expect(USAGE).toContain(option);
    }
    expect(() => parseDashboardArgs(['--verison'])).toThrow(UsageError);
  });
});
