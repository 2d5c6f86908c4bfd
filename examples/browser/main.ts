// Browser example: trains XOR with train() in the page and writes the loss curve and the final accuracy into it.
// Build: npx esbuild examples/browser/main.ts --bundle --platform=browser --format=iife --outfile=examples/browser/main.js
//        (inside this repository add --conditions=@clearprop/source to bundle the TypeScript sources), then open
//        examples/browser/index.html. examples/browser/browser.test.ts does exactly this in headless Chromium.
import { xor } from '@clearprop/data';
import type { ModelSpec } from '@clearprop/nn';
import { createWasmKernels, tsKernels, wasmSimdSupported } from '@clearprop/tensor';
import { ofType, train, type TrainSpec } from '@clearprop/training';
import { filter, tap } from 'rxjs';

const model: ModelSpec = { inputs: 2, layers: [{ units: 8, activation: 'tanh' }, { units: 2, activation: 'softmax' }] };
const spec: TrainSpec = {
  name: 'xor', model, loss: 'softmaxCrossEntropy', optimizer: { name: 'adam', lr: 0.05 },
  train: xor(), epochs: 200, batchSize: 4, seed: 1,
};
const kernels = wasmSimdSupported() ? createWasmKernels() : tsKernels;

const element = <T extends Element>(selector: string): T => {
  const found = document.querySelector<T>(selector);
  if (found === null) throw new Error(`index.html has no ${selector}`);
  return found;
};
const status = element<HTMLOutputElement>('#status');
const setStatus = (state: string, text = state) => {
  status.dataset.state = state;
  status.textContent = text;
};

/** Draws the losses as a polyline scaled to the SVG's view box (the y axis from 0 to the largest loss). */
function drawCurve(losses: readonly number[]): void {
  const { width, height } = element<SVGSVGElement>('#curve').viewBox.baseVal;
  const top = Math.max(...losses);
  const points = losses.map((loss, i) => `${((i / Math.max(1, losses.length - 1)) * width).toFixed(1)},${(height - (loss / top) * height).toFixed(1)}`);
  element<SVGPolylineElement>('#curve polyline').setAttribute('points', points.join(' '));
}

const losses: number[] = [];
const list = element<HTMLOListElement>('#losses');
element<HTMLOutputElement>('#kernels').textContent = kernels.name;
setStatus('training');
const events$ = train(spec, { kernels }).pipe(
  tap((event) => {
    if (event.type !== 'epochEnd') return;
    losses.push(event.trainLoss);
    const item = document.createElement('li');
    item.textContent = event.trainLoss.toPrecision(6);
    list.append(item);
  }),
);
events$.pipe(ofType('runEnd'), filter(() => losses.length > 0)).subscribe({
  next: (end) => {
    drawCurve(losses);
    element<HTMLOutputElement>('#accuracy').textContent = String(end.final.train?.accuracy ?? '');
    setStatus('done', `done: ${end.reason} after ${end.epochs} epochs`);
  },
  error: (error: unknown) => setStatus('failed', `failed: ${String(error)}`),
});
