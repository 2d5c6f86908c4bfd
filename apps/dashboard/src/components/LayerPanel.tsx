// @jsxRuntime automatic
import { Text } from 'ink';
import { memo } from 'react';
import { fit, formatNumber, formatPercent } from '../charts/format.ts';
import { sparkline } from '../charts/sparkline.ts';
import type { LayerView } from '../state/dashboard-state.ts';
import { Panel } from './Panel.tsx';

/** Props of LayerPanel. */
export interface LayerPanelProps {
  readonly layers: LayerView;
  readonly width: number;
  readonly height: number;
}

const VALUE = 8;
const warn = (fraction: number): string | undefined => (fraction >= 0.5 ? 'red' : fraction >= 0.1 ? 'yellow' : undefined);

/**
 * Backprop per layer: ‖δˡ‖ and ‖∂C/∂Wˡ‖ as log-scaled sparklines with their latest values, the dead-ReLU and
 * saturated-unit percentages, and (when wide enough) the update ratio ‖ΔW‖/‖W‖ — where vanishing or exploding
 * gradients become visible.
 */
export const LayerPanel = memo(function LayerPanel({ layers, width, height }: LayerPanelProps) {
  const inner = width - 2;
  const showRatio = inner >= 80;
  // Index 3, activation 9, two "spark value" columns with their separators, dead 5, sat 5.
  const fixed = 3 + 9 + 2 * (VALUE + 1) + 1 + 5 + 5 + (showRatio ? VALUE + 1 : 0);
  const spark = Math.max(Math.floor((inner - fixed) / 2), 0);
  const rows = layers.latest.slice(0, Math.max(height - 3, 0));
  return (
    <Panel title="backprop per layer" width={width} height={height}>
      <Text color="gray" wrap="truncate">
        {fit('#', 3)}{fit('act', 9)}{fit('‖δ‖', spark + VALUE + 1)}{fit('‖∇W‖', spark + VALUE + 1)}{fit('dead', 5, 'right')}{fit('sat', 5, 'right')}
        {showRatio ? fit('ΔW/W', VALUE + 1, 'right') : ''}
      </Text>
      {rows.length === 0 && <Text color="gray">waiting for the first layer statistics…</Text>}
      {rows.map((l, i) => (
        <Text key={l.layer} wrap="truncate">
          {fit(String(l.layer), 3)}
          {fit(l.activation, 9)}
          <Text color="cyan">{sparkline(layers.deltaNorms[i] ?? [], spark, { log: true })}</Text>
          {' ' + fit(formatNumber(l.deltaNorm), VALUE, 'right')}
          <Text color="green">{' ' + sparkline(layers.gradNorms[i] ?? [], spark, { log: true })}</Text>
          <Text color={l.gradNorm < 1e-7 ? 'red' : undefined}>{' ' + fit(formatNumber(l.gradNorm), VALUE, 'right')}</Text>
          <Text color={warn(l.deadFraction)}>{fit(formatPercent(l.deadFraction), 5, 'right')}</Text>
          <Text color={warn(l.saturatedFraction)}>{fit(formatPercent(l.saturatedFraction), 5, 'right')}</Text>
          {showRatio ? fit(formatNumber(l.updateRatio), VALUE + 1, 'right') : ''}
        </Text>
      ))}
    </Panel>
  );
});
