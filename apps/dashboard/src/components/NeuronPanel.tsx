// @jsxRuntime automatic
import { Box, Text } from 'ink';
import { memo, useMemo } from 'react';
import { cellRuns, unitCells, type BoundaryView, type ColorMode, type HeatCell } from '../charts/heatmap.ts';
import { fit, formatNumber } from '../charts/format.ts';
import { layoutMaps, type MapLayout } from '../charts/neuron-layout.ts';
import type { DashboardState } from '../state/dashboard-state.ts';
import { Panel } from './Panel.tsx';

/** Props of NeuronPanel. */
export interface NeuronPanelProps {
  readonly boundary: BoundaryView | null;
  readonly units: DashboardState['units'];
  readonly width: number;
  readonly height: number;
  /** @defaultValue 'color' */
  readonly mode?: ColorMode;
}

/**
 * What each hidden neuron detects. For 2-D classification: a small map of every unit's activation over the
 * boundary's plane, layer by layer (orange negative, blue positive, each on its own largest |value|). Otherwise:
 * each unit's activation histogram over held-out rows, with dead (✗) and saturated (!) units marked.
 */
export const NeuronPanel = memo(function NeuronPanel({ boundary, units, width, height, mode = 'color' }: NeuronPanelProps) {
  const inner = { width: width - 2, height: height - 2 };
  if (boundary && boundary.hidden.layers.length > 0) {
    return (
      <Panel title={`neurons · epoch ${boundary.epoch} · ${boundary.features[0]} → ${boundary.features[1]} ↑`} width={width} height={height}>
        <UnitMaps boundary={boundary} width={inner.width} height={inner.height} mode={mode} />
      </Panel>
    );
  }
  if (units && units.layers.length > 0) {
    return (
      <Panel title={`unit activations (${units.split === 'validation' ? 'val' : 'train'}, ${units.rows} rows) · epoch ${units.epoch}`} width={width} height={height}>
        <UnitHistograms units={units} width={inner.width} height={inner.height} />
      </Panel>
    );
  }
  return (
    <Panel title="neurons" width={width} height={height}>
      <Text color="gray" wrap="wrap">no snapshot yet: hidden-unit maps (2-D classification) or activation histograms appear with the first one; a model without hidden layers has none</Text>
    </Panel>
  );
});

function UnitMaps({ boundary, width, height, mode }: { readonly boundary: BoundaryView; readonly width: number; readonly height: number; readonly mode: ColorMode }) {
  const { hidden } = boundary;
  const layout = layoutMaps(hidden.layers.map((l) => l.shown), width, height);
  const grid = { columns: hidden.x.length, rows: hidden.y.length };
  const blocks = useMemo(() => hidden.layers.map((layer, l) => {
    const cells = grid.columns * grid.rows;
    let dead = 0;
    const maps = Array.from({ length: layout.shown[l] }, (_, u) => {
      let [peak, signed] = [0, false];
      for (let i = u * cells; i < (u + 1) * cells; i++) [peak, signed] = [Math.max(peak, Math.abs(layer.values[i])), signed || layer.values[i] < 0];
      if (peak === 0) dead += 1;
      return unitCells(layer.values, { ...grid, offset: u * cells, peak, signed }, layout, mode);
    });
    return { layer, maps, dead };
  }), [boundary, layout.width, layout.height, layout.perRow, mode]);
  return (
    <Box flexDirection="column">
      {blocks.map(({ layer, maps, dead }, l) => layout.shown[l] === 0 ? null : (
        <Box key={l} flexDirection="column">
          <Text color="gray" wrap="truncate">
            {`layer ${layer.layer} · ${layer.activation} · ${layer.units} units, each on its own scale${dead > 0 ? ` · ${dead} zero everywhere` : ''}`}
            {layout.shown[l] < layer.units ? `  (${layout.shown[l]} shown; a larger terminal shows more)` : ''}
          </Text>
          {mapLines(maps, layout).map(({ key, cells }) => (
            <Text key={key} wrap="truncate">
              {cells.length === 0 ? ' ' : null}
              {cells.map((map, m) => (
                <Text key={m}>
                  {m > 0 ? ' ' : ''}
                  {cellRuns(map).map((run, i) => <Text key={i} color={run.fg} backgroundColor={run.bg}>{run.text}</Text>)}
                </Text>
              ))}
            </Text>
          ))}
        </Box>
      ))}
    </Box>
  );
}

/** The terminal lines of a layer's maps: for each row of maps, a blank gap line (not before the first), then each map's line. */
function mapLines(maps: readonly HeatCell[][][], layout: MapLayout): { key: string; cells: HeatCell[][] }[] {
  return chunk(maps, layout.perRow).flatMap((row, r) => [
    ...Array.from({ length: r > 0 ? layout.gap : 0 }, (_, g) => ({ key: `gap ${r} ${g}`, cells: [] })),
    ...Array.from({ length: layout.height }, (_, line) => ({ key: `${r}:${line}`, cells: row.map((map) => map[line]) })),
  ]);
}

const BARS = ' ▁▂▃▄▅▆▇█';

/** One histogram as a row of bars scaled to its largest count (an empty bin is blank). */
export function histogramBars(counts: readonly number[], offset: number, bins: number): string {
  let max = 0;
  for (let b = 0; b < bins; b++) max = Math.max(max, counts[offset + b]);
  return Array.from({ length: bins }, (_, b) => (max > 0 && counts[offset + b] > 0 ? BARS[Math.max(1, Math.round((counts[offset + b] / max) * 8))] : ' ')).join('');
}

function UnitHistograms({ units, width, height }: { readonly units: NonNullable<DashboardState['units']>; readonly width: number; readonly height: number }) {
  const entry = 4 + units.bins + 2;
  const perRow = Math.max(1, Math.floor((width + 2) / (entry + 2)));
  let left = height - 1;
  return (
    <Box flexDirection="column">
      <Text color="gray" wrap="truncate">{'one histogram per unit over its layer\'s range · '}<Text color="red">✗ dead</Text>{'  '}<Text color="yellow">! saturated</Text></Text>
      {units.layers.map((layer) => {
        if (left <= 1) return null;
        const rows = Math.min(Math.ceil(layer.shown / perRow), left - 1);
        left -= 1 + rows;
        const indices = Array.from({ length: Math.min(layer.shown, rows * perRow) }, (_, u) => u);
        const hidden = layer.units - indices.length;
        return (
          <Box key={layer.layer} flexDirection="column">
            <Text color="gray" wrap="truncate">
              {`layer ${layer.layer} · ${layer.activation} · ${formatNumber(layer.range[0])}…${formatNumber(layer.range[1])} · ${layer.dead.length} dead · ${layer.saturated.length} saturated`}
              {hidden > 0 ? ` · ${hidden} more units` : ''}
            </Text>
            {chunk(indices, perRow).map((row, r) => (
              <Text key={r} wrap="truncate">
                {row.map((u, i) => {
                  const flag = layer.dead.includes(u) ? '✗' : layer.saturated.includes(u) ? '!' : ' ';
                  return (
                    <Text key={u}>
                      {i > 0 ? '  ' : ''}
                      <Text color="gray">{fit(String(u), 3)} </Text>
                      <Text color="cyan">{histogramBars(layer.counts, u * units.bins, units.bins)}</Text>
                      <Text color={flag === '✗' ? 'red' : 'yellow'}>{` ${flag}`}</Text>
                    </Text>
                  );
                })}
              </Text>
            ))}
          </Box>
        );
      })}
    </Box>
  );
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
