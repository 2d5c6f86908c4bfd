// Trains iris through a session: resolves the preset, writes the run folder (config, live event log, metrics) and
// saves the model with its metadata at the end.
// Usage: node --conditions=@clearprop/source --import tsx docs/examples/session-iris.ts [out-dir]   (run by packages/training/src/docs-example.test.ts)
import { ofType } from '@clearprop/training';
import { startSession } from '@clearprop/training/node';

const session = await startSession({ preset: 'iris', overrides: { epochs: 20 }, outDir: process.argv[2] ?? 'runs/iris' });
session.events$.pipe(ofType('epochEnd')).subscribe((e) => console.log(`epoch ${e.epoch}: train loss ${e.trainLoss.toFixed(4)}`));

const { record, written } = await session.result;
console.log(`${record.runEnd.reason} after ${record.runEnd.epochs} epochs, test accuracy ${record.runEnd.final.test?.accuracy?.toFixed(3)}`);
console.log(`files: ${Object.keys(written).sort().join(', ')} in ${session.paths.outDir}`);
