import { forwardInto, type Model, type ModelParams, type Workspace } from '@clearprop/nn';
import type { KernelSet } from '@clearprop/tensor';
import type { HiddenLayerMap, TrainingEvent } from '../events.ts';
import { roundToPower, type BoundaryGrid } from './boundary-grid.ts';

/** What evaluating the grid needs: the model and its current weights, the kernels, and a workspace to reuse. */
export interface BoundaryModel {
  readonly model: Model;
  readonly params: ModelParams;
  readonly kernels: KernelSet;
  /** Any workspace of the model (the run's evaluation one): the grid goes through it in chunks of its capacity. */
  readonly ws: Workspace;
}

/**
 * The boundary snapshot after epoch `epoch`: one forward pass over the grid, in chunks through `run.ws` (so no
 * grid-sized buffers beyond the event's own arrays). Probabilities to 4 decimals, for one output [1 − p, p];
 * hidden activations on the neuron subgrid, each unit's to 3 digits of its largest |value| (see roundPerUnit).
 */
export function boundaryEvent(grid: BoundaryGrid, run: BoundaryModel, epoch: number): Extract<TrainingEvent, { type: 'boundary' }> {
  const { model, params, kernels, ws } = run;
  const cells = grid.x.length * grid.y.length;
  const outputs = model.outputs;
  const probabilities = new Array<number>(cells * grid.classes);
  const hidden = grid.shown.map((shown) => new Array<number>(shown * grid.hiddenCells.length));
  let next = 0; // the next neuron-subgrid point (hiddenCells ascends, so one pass over the chunks meets them in order)
  for (let start = 0; start < cells; start += ws.capacity) {
    const rows = Math.min(ws.capacity, cells - start);
    const out = forwardInto(model, params, ws, rows, kernels, grid.inputs.subarray(start * 2, (start + rows) * 2));
    grid.toProbabilities?.forward(out, out, rows, outputs);
    for (let r = 0; r < rows; r++) {
      const cell = start + r;
      if (outputs === 1) {
        probabilities[cell * 2] = decimals(1 - out[r]);
        probabilities[cell * 2 + 1] = decimals(out[r]);
      } else for (let k = 0; k < outputs; k++) probabilities[cell * outputs + k] = decimals(out[r * outputs + k]);
    }
    for (; next < grid.hiddenCells.length && grid.hiddenCells[next] < start + rows; next++) {
      const r = grid.hiddenCells[next] - start;
      hidden.forEach((values, l) => {
        const units = model.widths[l + 1];
        for (let u = 0; u < grid.shown[l]; u++) values[u * grid.hiddenCells.length + next] = ws.a[l][r * units + u];
      });
    }
  }
  for (const values of hidden) roundPerUnit(values, grid.hiddenCells.length);
  const layers: HiddenLayerMap[] = hidden.map((values, l) => ({
    layer: l, activation: model.activations[l].name, units: model.widths[l + 1], shown: grid.shown[l], values,
  }));
  return {
    type: 'boundary', epoch, features: grid.features, labels: grid.labels, x: grid.x, y: grid.y, probabilities,
    hidden: { x: grid.hiddenX, y: grid.hiddenY, layers }, points: grid.points,
  };
}

const decimals = (p: number): number => roundToPower(p, -4);

/**
 * Rounds each run of `cells` values (one unit's map) to the power of ten three digits below its largest |value|:
 * a unit peaking at 2.3 keeps steps of 0.01, one peaking at 0.004 steps of 0.00001. Cheap (one log per unit) and
 * short in JSON, and a map drawn on the unit's own scale looks the same.
 */
export function roundPerUnit(values: number[], cells: number): void {
  for (let start = 0; start < values.length; start += cells) {
    let peak = 0;
    for (let i = start; i < start + cells; i++) peak = Math.max(peak, Math.abs(values[i]));
    if (!(peak > 0) || !Number.isFinite(peak)) continue;
    const power = Math.floor(Math.log10(peak)) - 2;
    for (let i = start; i < start + cells; i++) values[i] = roundToPower(values[i], power);
  }
}
