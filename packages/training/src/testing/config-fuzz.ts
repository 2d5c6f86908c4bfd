import fc from 'fast-check';
import { expectTypedOutcome, fuzzTarget, type FuzzTarget } from '@clearprop/data/testing';
import { PRESET_NAMES, presetConfig } from '../experiments/presets.ts';
import { ConfigError, experimentSchema, parseConfig } from '../experiments/schema.ts';
import { mutatedJsonText } from './json-mutation.ts';

/** The config schema: a damaged preset config is a ConfigError (short, clean message) or a config the schema accepts. */
export const configFuzzTargets: readonly FuzzTarget<unknown>[] = [
  fuzzTarget<string>({
    name: 'config: parseConfig',
    arbitrary: fc.constantFrom(...PRESET_NAMES).chain((name) => mutatedJsonText(JSON.stringify(presetConfig(name)))),
    check(text) {
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        return; // not JSON: the config file loader's job, not the schema's
      }
      expectTypedOutcome(() => parseConfig(raw, 'fuzz.json'), [ConfigError], (config) => {
        // parseConfig folds a layer's `alpha` into its activation; the folded form must still be a valid config.
        if (!experimentSchema.safeParse(config).success) throw new Error('parseConfig returned a config its schema rejects');
      });
    },
  }),
];
