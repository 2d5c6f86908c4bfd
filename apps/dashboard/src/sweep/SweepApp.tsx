// @jsxRuntime automatic
import { Box, Text, useApp } from 'ink';
import { useMemo } from 'react';
import type { Observable } from 'rxjs';
import { auditTime, scan, startWith } from 'rxjs';
import type { SweepEvent } from '@clearprop/training';
import { brailleChart } from '../charts/braille.ts';
import { fit, formatDuration, formatNumber } from '../charts/format.ts';
import { Chart } from '../components/Chart.tsx';
import { Panel } from '../components/Panel.tsx';
import { useKeybindings } from '../hooks/use-keybindings.ts';
import { useObservableState } from '../hooks/use-observable-state.ts';
import { useTerminalSize } from '../hooks/use-terminal-size.ts';
import { curveTrials, initialSweepState, leaderboardRows, reduceSweep, type SweepState, type TrialView } from './sweep-state.ts';
import { sweepLayout } from './sweep-layout.ts';

/** Props of SweepApp. */
export interface SweepAppProps {
  readonly events$: Observable<SweepEvent>;
  /** @defaultValue 100 */
  readonly renderPeriodMs?: number;
}

const CURVE_COLORS = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'red'] as const;
const LABEL_WIDTH = 9;

/** `dashboard --follow sweeps/<dir>`: the leaderboard as trials end and the objective curves of the running trials. */
export function SweepApp({ events$, renderPeriodMs = 100 }: SweepAppProps) {
  const { exit } = useApp();
  const state$ = useMemo(() => events$.pipe(scan(reduceSweep, initialSweepState), startWith(initialSweepState), auditTime(renderPeriodMs)), [events$, renderPeriodMs]);
  const state = useObservableState(state$, initialSweepState);
  const { columns, rows } = useTerminalSize();
  useKeybindings((input) => void (input === 'q' ? exit() : undefined));
  const layout = sweepLayout(columns, rows, state.total);
  const values = Object.values(state.trials);
  const counts = `${values.filter((v) => v.status !== 'running').length}/${state.total} done, ${values.filter((v) => v.status === 'running').length} running`;
  const objective = state.objective ? `${state.objective.split}.${state.objective.metric} (${state.objective.mode})` : '';
  return (
    <Box flexDirection="column" width={layout.width}>
      <Text wrap="truncate" bold>{fit(`clearprop sweep ${state.name}  ${counts}  ${objective}  ${state.runner}${state.finished ? '  ● finished' : ''}`, layout.width)}</Text>
      <Leaderboard state={state} width={layout.board.width} height={layout.board.height} />
      <Box>
        <Curves state={state} width={layout.curves.width} height={layout.curves.height} />
        {layout.log && <Log lines={state.log} width={layout.log.width} height={layout.log.height} />}
      </Box>
      <Text wrap="truncate"><Text inverse bold>{' q '}</Text><Text color="gray">{' quit (the sweep goes on)'}</Text></Text>
    </Box>
  );
}

function Leaderboard({ state, width, height }: { readonly state: SweepState; readonly width: number; readonly height: number }) {
  const inner = width - 2;
  const rows = leaderboardRows(state).slice(0, height - 3);
  const params = state.space;
  const cell = (v: TrialView): string => {
    const objective = v.objective === null ? (v.status === 'running' ? formatNumber(v.curve.at(-1)?.value) : '–') : `${formatNumber(v.objective)}${v.objectiveStd === null ? '' : ` ± ${formatNumber(v.objectiveStd)}`}`;
    const values = params.map((p) => `${p.split('.').at(-1)}=${typeof v.params[p] === 'number' ? formatNumber(v.params[p] as number) : JSON.stringify(v.params[p])}`).join(' ');
    return `${fit(String(v.trial), 5, 'right')}  ${fit(v.status, 12)} ${fit(objective, 18)} ${fit(String(v.epochs), 6, 'right')}  ${fit(v.status === 'running' ? '' : formatDuration(v.durationMs), 7)} ${values}`;
  };
  return (
    <Panel title="leaderboard" width={width} height={height}>
      <Text color="gray" wrap="truncate">{fit(`${fit('trial', 5, 'right')}  ${fit('status', 12)} ${fit('objective', 18)} ${fit('epochs', 6, 'right')}  ${fit('time', 7)} parameters`, inner)}</Text>
      {rows.map((v, i) => (
        <Text key={v.trial} wrap="truncate" color={v.status === 'running' ? 'cyan' : i === 0 && v.objective !== null ? 'green' : undefined}>{fit(cell(v), inner)}</Text>
      ))}
    </Panel>
  );
}

function Curves({ state, width, height }: { readonly state: SweepState; readonly width: number; readonly height: number }) {
  const trials = curveTrials(state, CURVE_COLORS.length);
  const chartHeight = Math.max(height - 3, 1);
  const title = trials.some((t) => t.status === 'running') ? 'objective · running trials' : 'objective · best trials';
  if (trials.length === 0) {
    return <Panel title={title} width={width} height={height}><Text color="gray">waiting for the first epoch…</Text></Panel>;
  }
  const chart = brailleChart(trials.map((t) => ({ x: t.curve.map((p) => p.epoch), y: t.curve.map((p) => p.value) })), { width: width - 2 - LABEL_WIDTH, height: chartHeight });
  const legend = trials.map((t, i) => ({ text: `━ ${t.trial} ${formatNumber(t.curve.at(-1)?.value)}  `, color: CURVE_COLORS[i] }));
  return (
    <Panel title={title} width={width} height={height}>
      <Chart chart={chart} colors={CURVE_COLORS} labelWidth={LABEL_WIDTH} />
      <Text wrap="truncate">{legend.map((l) => <Text key={l.text} color={l.color}>{l.text}</Text>)}<Text color="gray">{`epochs ${chart.xMin}–${chart.xMax}`}</Text></Text>
    </Panel>
  );
}

function Log({ lines, width, height }: { readonly lines: readonly string[]; readonly width: number; readonly height: number }) {
  return (
    <Panel title="sweep log" width={width} height={height}>
      {lines.slice(-(height - 2)).map((line, i) => <Text key={i} wrap="truncate">{fit(line, width - 2)}</Text>)}
    </Panel>
  );
}
