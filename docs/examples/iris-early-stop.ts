// Trains Fisher's iris and stops once the validation loss has not improved for 10 epochs.
// Usage: node --conditions=@clearprop/source --import tsx docs/examples/iris-early-stop.ts   (run by packages/training/src/docs-example.test.ts)
import { buildExperiment, earlyStopping, ofType, presetConfig, train } from '@clearprop/training';

const { spec } = buildExperiment(presetConfig('iris'));
const events$ = train(spec, { controllers: [earlyStopping({ patience: 10 })] });

events$.pipe(ofType('epochEnd', 'earlyStop', 'runEnd')).subscribe((event) => {
  if (event.type === 'epochEnd') {
    console.log(`epoch ${event.epoch}: train loss ${event.trainLoss.toFixed(4)}, validation loss ${event.validation?.loss.toFixed(4)}`);
  } else if (event.type === 'earlyStop') {
    console.log(`stopped early after epoch ${event.epoch}: best ${event.monitor} ${event.best.toFixed(4)} at epoch ${event.bestEpoch}`);
  } else {
    console.log(`run ended: ${event.reason}, weights of epoch ${event.bestEpoch}, test accuracy ${event.final.test?.accuracy?.toFixed(3)}`);
  }
});
