// @jsxRuntime automatic
import { Box, Text, useApp, type Key } from 'ink';
import { useCallback, useMemo, useRef, useState } from 'react';
import { BoundaryPanel } from './components/BoundaryPanel.tsx';
import { ConfusionMatrix } from './components/ConfusionMatrix.tsx';
import { EventLog } from './components/EventLog.tsx';
import { FitPlot } from './components/FitPlot.tsx';
import { Footer } from './components/Footer.tsx';
import { Header } from './components/Header.tsx';
import { HelpOverlay } from './components/HelpOverlay.tsx';
import { LayerPanel } from './components/LayerPanel.tsx';
import { LossChart } from './components/LossChart.tsx';
import { MetricsPanel, metricsRowsNeeded } from './components/MetricsPanel.tsx';
import { NeuronPanel } from './components/NeuronPanel.tsx';
import { Panel } from './components/Panel.tsx';
import { ProgressPanel } from './components/ProgressPanel.tsx';
import { useKeybindings } from './hooks/use-keybindings.ts';
import { useObservableState } from './hooks/use-observable-state.ts';
import { useTerminalSize } from './hooks/use-terminal-size.ts';
import type { ColorMode } from './charts/heatmap.ts';
import type { DashboardSource } from './sources/source.ts';
import { initialDashboardState, type DashboardState } from './state/dashboard-state.ts';
import { etaMs } from './state/eta.ts';
import { dashboardState$, RENDER_PERIOD_MS } from './state/dashboard-stream.ts';
import { keyAction, VIEWS, type View } from './state/keymap.ts';
import { CHROME_ROWS, computeLayout, MIN_COLUMNS, MIN_ROWS, type Layout, type Slot } from './state/layout.ts';

/** Props of App. */
export interface AppProps {
  readonly source: DashboardSource;
  /** Called with the source's summary line once quitting has finished, just before the app exits. */
  readonly onQuit?: (summary: string | null) => void;
  /** @defaultValue RENDER_PERIOD_MS */
  readonly renderPeriodMs?: number;
  /** Heat maps in colour, or as shade glyphs (NO_COLOR, a terminal without colours). @defaultValue 'color' */
  readonly colorMode?: ColorMode;
}

/** The dashboard: derives state from the source's events, lays the panels out for the terminal, handles keys. */
export function App({ source, onQuit, renderPeriodMs = RENDER_PERIOD_MS, colorMode = 'color' }: AppProps) {
  const { exit } = useApp();
  const state$ = useMemo(() => dashboardState$(source.events$, renderPeriodMs), [source, renderPeriodMs]);
  const state = useObservableState(state$, initialDashboardState);
  const { columns, rows } = useTerminalSize();
  const [view, setView] = useState<View>('overview');
  const [logScale, setLogScale] = useState(true);
  const [help, setHelp] = useState(false);
  const [quitting, setQuitting] = useState(false);
  // Keys read the state of the latest render, not of the render that registered the handler (Ink re-registers
  // it in a passive effect, which can run after the next key).
  const stateRef = useRef(state);
  stateRef.current = state;
  // The learning rate last asked for, until the run echoes it: a second `+` before the next (sampled) event
  // doubles the requested rate again instead of the stale reported one.
  const requestedLr = useRef<{ readonly from: number | null; readonly lr: number } | null>(null);
  if (requestedLr.current && state.learningRate !== requestedLr.current.from) requestedLr.current = null;

  const onKey = useCallback(
    function onKey(input: string, key: Key): void {
      if (quitting) return;
      // Keys typed faster than a read (or pasted) arrive as one string: handle each character.
      if (input.length > 1 && !key.ctrl && !key.meta) {
        for (const char of input) onKey(char, { ...key, tab: char === '\t' });
        return;
      }
      const current = stateRef.current;
      const pending = requestedLr.current;
      const action = keyAction(input, key, source.mode, pending ? { ...current, learningRate: pending.lr } : current);
      if (!action) return;
      switch (action.kind) {
        case 'source':
          if (action.command.type === 'setLearningRate') requestedLr.current = { from: current.learningRate, lr: action.command.lr };
          source.send(action.command);
          return;
        case 'toggleLog': setLogScale((v) => !v); return;
        case 'nextView': setView((v) => VIEWS[(VIEWS.indexOf(v) + 1) % VIEWS.length]); return;
        case 'toggleHelp': setHelp((v) => !v); return;
        case 'closeHelp': setHelp(false); return;
        case 'quit':
          setQuitting(true);
          void source.quit().then(
            (summary) => {
              onQuit?.(summary);
              exit();
            },
            (error: unknown) => exit(error instanceof Error ? error : new Error(String(error))),
          );
      }
    },
    [quitting, source, onQuit, exit],
  );
  useKeybindings(onKey);

  const layout = computeLayout(columns, rows, view, state.run?.layerCount ?? 3, metricsRowsNeeded({ train: state.train, trainAccuracy: state.trainAccuracy, validation: state.validation, final: state.end?.final ?? null }));
  const quitMessage = quitting ? (source.mode === 'train' ? 'stopping training and writing the final model…' : 'closing…') : null;
  return (
    <Box flexDirection="column" width={layout.width}>
      <Header run={state.run} status={state.status} mode={source.mode} replay={state.replay} width={layout.width} />
      <ProgressPanel
        epoch={state.epoch} epochsDone={state.epochsDone} epochs={state.run?.epochs ?? 0} batch={state.batch} batchesPerEpoch={state.run?.batchesPerEpoch ?? 0}
        step={state.step} etaMs={etaMs(state)} elapsedMs={state.elapsedMs} samplesPerSecond={state.samplesPerSecond} width={layout.width}
      />
      {layout.tooSmall ? (
        <Text color="yellow">{`terminal is ${columns}×${rows}; the dashboard needs at least ${MIN_COLUMNS}×${MIN_ROWS}`}</Text>
      ) : help ? (
        <HelpOverlay mode={source.mode} width={layout.width} height={Math.max(rows - CHROME_ROWS, 6)} />
      ) : (
        <Body state={state} layout={layout} logScale={logScale} colorMode={colorMode} />
      )}
      <Footer mode={source.mode} message={quitMessage} width={layout.width} />
    </Box>
  );
}

interface BodyProps {
  readonly state: DashboardState;
  readonly layout: Layout;
  readonly logScale: boolean;
  readonly colorMode: ColorMode;
}

function Body({ state, layout, logScale, colorMode }: BodyProps) {
  const learningRates = useMemo(() => state.history.map((p) => p.learningRate), [state.history]);
  return (
    <Box flexDirection="column">
      {layout.rows.map((row, i) => (
        <Box key={i}>
          {row.map((slot) => <PanelIn key={slot.panel} slot={slot} state={state} logScale={logScale} colorMode={colorMode} learningRates={learningRates} />)}
        </Box>
      ))}
    </Box>
  );
}

/** One panel of the layout at its slot's size. */
function PanelIn({ slot, state, logScale, colorMode, learningRates }: Omit<BodyProps, 'layout'> & { readonly slot: Slot; readonly learningRates: readonly number[] }) {
  const { width, height } = slot;
  switch (slot.panel) {
    case 'loss': return <LossChart history={state.history} log={logScale} width={width} height={height} />;
    case 'fit': return <SecondChart state={state} size={slot} colorMode={colorMode} />;
    case 'neurons': return <NeuronPanel boundary={state.boundary} units={state.units} width={width} height={height} mode={colorMode} />;
    case 'layers': return <LayerPanel layers={state.layers} width={width} height={height} />;
    case 'metrics':
      return (
        <MetricsPanel
          train={state.train} trainAccuracy={state.trainAccuracy} validation={state.validation} final={state.end?.final} learningRate={state.learningRate} learningRates={learningRates}
          optimizer={state.run?.optimizer ?? ''} width={width} height={height}
        />
      );
    case 'log': return <EventLog log={state.log} width={width} height={height} />;
  }
}

/**
 * The fit plot for 1-D regression; for classification the boundary map (2 features; with the confusion matrix
 * beside it when the slot has the whole width) or the confusion matrix; a placeholder until a snapshot.
 */
function SecondChart({ state, size, colorMode }: { readonly state: DashboardState; readonly size: Slot; readonly colorMode: ColorMode }) {
  if (state.boundary) {
    if (!state.confusion || size.width < MIN_COLUMNS) return <BoundaryPanel boundary={state.boundary} width={size.width} height={size.height} mode={colorMode} />;
    const matrixWidth = Math.max(34, Math.floor(size.width * 0.3));
    return (
      <Box>
        <BoundaryPanel boundary={state.boundary} width={size.width - matrixWidth} height={size.height} mode={colorMode} />
        <ConfusionMatrix confusion={state.confusion} width={matrixWidth} height={size.height} />
      </Box>
    );
  }
  if (state.fit) return <FitPlot fit={state.fit} width={size.width} height={size.height} />;
  if (state.confusion) return <ConfusionMatrix confusion={state.confusion} width={size.width} height={size.height} />;
  const what = state.run?.task === 'classification' ? 'confusion matrix' : 'fit plot (1-input, 1-output regression)';
  return (
    <Panel title="fit / confusion" width={size.width} height={size.height}>
      <Text color="gray" wrap="wrap">{`no snapshot yet: the ${what} appears with the first one`}</Text>
    </Panel>
  );
}
