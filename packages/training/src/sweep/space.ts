import { ConfigError, parseConfig } from '../experiments/schema.ts';
import type { ExperimentConfig } from '../experiments/types.ts';
import { explainUnknownPath, setPath } from './config-path.ts';
import { SweepError } from './sweep-error.ts';
import type { Domain, SearchSpace } from './types.ts';

/** Options for validateSpace. */
export interface SpaceCheckOptions {
  /** The sweep file, for messages. */
  readonly source: string;
  /** Grid search: only choice and int domains (a continuous range has no finite product). */
  readonly grid: boolean;
}

/**
 * Throws SweepError (naming `space."<path>"`) unless every path exists in the experiment schema and every value
 * its domain can produce — each choice, both ends of a range — makes `base` a valid config. Ranges need a ≤ b;
 * log-uniform needs bounds > 0. Array items are addressed by index and must exist in the base.
 */
export function validateSpace(space: SearchSpace, base: ExperimentConfig, options: SpaceCheckOptions): void {
  for (const { path, domain } of space) {
    const field = `space."${path}"`;
    const fail = (detail: string): never => {
      throw new SweepError(options.source, field, detail);
    };
    const unknown = explainUnknownPath(path);
    if (unknown !== undefined) fail(`unknown config path: ${unknown}`);
    if (options.grid && domain.kind !== 'choice' && domain.kind !== 'int') fail(`grid search takes only choice and int domains, not ${domain.kind} (use search.method random)`);
    if (domain.kind !== 'choice' && domain.low > domain.high) fail(`${domain.kind} range [${domain.low}, ${domain.high}] has a > b`);
    if (domain.kind === 'loguniform' && domain.low <= 0) fail(`loguniform bounds must be > 0, got [${domain.low}, ${domain.high}]`);
    for (const value of probes(domain)) {
      let config: unknown;
      try {
        config = setPath(base, path, value);
      } catch (error) {
        fail(`not in the base experiment: ${(error as Error).message}`);
      }
      try {
        parseConfig(config, 'trial');
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        const where = error.field === '' ? '' : `${error.field}: `;
        fail(`value ${JSON.stringify(value)} makes an invalid config: ${where}${error.message.slice(`trial: ${where}`.length)}`);
      }
    }
  }
}

// Values that stand for the whole domain: every choice, and the ends of a range (the schema's limits are bounds).
function probes(domain: Domain): readonly unknown[] {
  return domain.kind === 'choice' ? domain.values : [domain.low, domain.high];
}
