import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decideRung, emptyRungTable, recordEnd, recordRung, rungDecision, rungEpochs, type RungTable } from './asha.ts';

const min = { mode: 'min', reduction: 2 } as const;

describe('rungEpochs', () => {
  it('minEpochs · reduction^k below maxEpochs', () => {
    expect(rungEpochs({ minEpochs: 10, reduction: 3, maxEpochs: 100 })).toEqual([10, 30, 90]);
    expect(rungEpochs({ minEpochs: 4, reduction: 2, maxEpochs: 8 })).toEqual([4]);
    expect(rungEpochs({ minEpochs: 1, reduction: 2.5, maxEpochs: 20 })).toEqual([1, 3, 6, 16]);
    expect(rungEpochs({ minEpochs: 8, reduction: 2, maxEpochs: 8 })).toEqual([]);
  });
});

describe('decideRung', () => {
  it('keeps the best max(1, ⌊n / reduction⌋); a lone trial goes on', () => {
    expect(decideRung(0.5, [], min)).toEqual({ promote: true, rank: 1, of: 1, keep: 1, cutoff: 0.5 });
    expect(decideRung(0.9, [0.2], min)).toEqual({ promote: false, rank: 2, of: 2, keep: 1, cutoff: 0.2 });
    expect(decideRung(0.3, [0.2, 0.9, 0.8], min)).toEqual({ promote: true, rank: 2, of: 4, keep: 2, cutoff: 0.3 });
    expect(decideRung(0.3, [0.2, 0.9, 0.8], { mode: 'max', reduction: 2 })).toEqual({ promote: false, rank: 3, of: 4, keep: 2, cutoff: 0.8 });
    expect(decideRung(0.3, [0.2, 0.9, 0.8, 0.1, 0.5], { mode: 'min', reduction: 3 })).toMatchObject({ promote: false, rank: 3, keep: 2 });
  });
  it('ties go to the trial being decided; NaN never goes on', () => {
    expect(decideRung(0.2, [0.2], min).promote).toBe(true);
    expect(decideRung(Number.NaN, [], min).promote).toBe(false);
    expect(decideRung(0.4, [Number.NaN], min)).toMatchObject({ promote: true, rank: 1 });
  });
});

describe('rungDecision', () => {
  it('waits for every lower trial to reach the rung or end; ignores higher ones', () => {
    let table: RungTable = emptyRungTable();
    table = recordRung(table, 2, { epoch: 4, value: 0.5 });
    expect(rungDecision(table, 2, 4, min)).toBeUndefined(); // trial 1 has not reached epoch 4
    table = recordRung(table, 3, { epoch: 4, value: 0.1 });
    table = recordEnd(table, 1); // ended before the rung: left out
    expect(rungDecision(table, 2, 4, min)).toMatchObject({ promote: true, of: 1 });
    expect(rungDecision(table, 3, 4, min)).toMatchObject({ promote: true, rank: 1, of: 2 });
    expect(rungDecision(table, 4, 4, min)).toBeUndefined(); // no value yet
  });

  it('decides the same whatever order the values and ends arrive in (the parallelism guarantee)', () => {
    const trials = fc.array(fc.record({ value: fc.double({ min: 0, max: 1, noNaN: true }), reaches: fc.boolean() }), { minLength: 1, maxLength: 8 });
    fc.assert(fc.property(trials, fc.integer({ min: 0, max: 10_000 }), (specs, seed) => {
      const facts = specs.flatMap((s, i) => (s.reaches ? [{ trial: i + 1, kind: 'rung' as const, value: s.value }, { trial: i + 1, kind: 'end' as const, value: 0 }] : [{ trial: i + 1, kind: 'end' as const, value: 0 }]));
      const decide = (order: typeof facts) => {
        let table = emptyRungTable();
        for (const f of order) table = f.kind === 'rung' ? recordRung(table, f.trial, { epoch: 3, value: f.value }) : recordEnd(table, f.trial);
        return specs.map((s, i) => (s.reaches ? rungDecision(table, i + 1, 3, min)?.promote : null));
      };
      const shuffled = [...facts].sort((a, b) => ((a.trial * 7919 + seed) % 13) - ((b.trial * 7919 + seed) % 13) || (a.kind === 'rung' ? -1 : 1));
      // Ends recorded before rung values of the same trial would be a different history; keep each trial's own order.
      const consistent = shuffled.filter((f, i) => f.kind === 'rung' || !shuffled.slice(i + 1).some((g) => g.trial === f.trial && g.kind === 'rung'));
      const sequential = decide(facts);
      expect(decide(consistent.length === facts.length ? consistent : facts)).toEqual(sequential);
      // And the one-at-a-time sweep: trial t decided against trials 1…t−1 that reached the rung.
      specs.forEach((s, i) => {
        if (!s.reaches) return;
        const earlier = specs.slice(0, i).filter((p) => p.reaches).map((p) => p.value);
        expect(sequential[i]).toBe(decideRung(s.value, earlier, min).promote);
      });
    }), { seed: 15, numRuns: 200 });
  });
});
