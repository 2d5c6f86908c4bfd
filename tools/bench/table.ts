// The bench's closing table: our medians, the peers' from the same run, the ratios (by wall clock and by CPU
// time, which a busy machine distorts less) and the issue-#16 goals, judged on each.
import type { Line } from './memory.ts';

const mb = (bytes: unknown): string => `${(Number(bytes) / 2 ** 20).toFixed(1)} MB`;
const secs = (value: unknown): string => `${Number(value).toFixed(3)} s`;
const times = (ratio: unknown): string => (Number.isFinite(Number(ratio)) ? `${Number(ratio).toFixed(2)}×` : '–');
const verdict = (met: boolean | undefined): string => (met === undefined ? '–' : met ? 'met' : 'MISSED');
const both = (wall: boolean | undefined, cpu: boolean | undefined): string => `${verdict(wall)} / ${verdict(cpu)}`;

type Find = (workload: string, kase?: string, threads?: number) => Line | undefined;

interface TimeRow {
  readonly name: string;
  readonly workload: string;
  readonly kase?: string;
  readonly goal: string;
  readonly minRatio: number;
  readonly detail?: (line: Line) => string;
  readonly alsoNeeds?: (line: Line) => boolean;
}

function timeRow(find: Find, { name, workload, kase, goal, minRatio, detail = () => '', alsoNeeds = () => true }: TimeRow): string[] {
  const line = find(workload, kase);
  if (line === undefined) return [name, '–', '–', '–', goal, '–'];
  const cpu = line.cpuSeconds === undefined ? '' : ` (CPU ${secs(line.cpuSeconds)})`;
  const peerCpu = line.peerCpuSeconds === undefined ? '' : ` (CPU ${secs(line.peerCpuSeconds)})`;
  const peer = line.peerSeconds === undefined ? String(line.peer ?? 'not run (--peers)') : `${String(line.peer)}: ${secs(line.peerSeconds)}${peerCpu}`;
  const judge = (ratio: unknown): boolean | undefined => (ratio === undefined ? undefined : Number(ratio) >= minRatio && alsoNeeds(line));
  return [name, secs(line.seconds) + cpu + detail(line), peer, `${times(line.ratio)} / ${times(line.cpuRatio)}`, goal, both(judge(line.ratio), judge(line.cpuRatio))];
}

function w3Rows(find: Find): string[][] {
  const ceiling = find('w3', 'ceiling');
  const rows = ['AB', 'ABt', 'AtB'].map((form) => {
    const line = find('w3', form, 1);
    const two = find('w3', form, 2);
    const goal = '≥ 1.25× tfjs a·b, ≥ 75 % of ceiling';
    if (line === undefined) return [`W3 ${form} 1 thread`, '–', '–', '–', goal, '–'];
    const share = (rate: unknown, peak: unknown): string => `${(100 * Number(rate) / Number(peak)).toFixed(0)} %`;
    const ours = `${Number(line.gflops).toFixed(1)} GFLOP/s (CPU ${Number(line.cpuGflops).toFixed(1)})`
      + (ceiling ? ` = ${share(line.gflops, ceiling.gflops)} / ${share(line.cpuGflops, ceiling.cpuGflops)} of the ceiling` : '')
      + (line.tile ? `, tile ${String(line.tile)}` : '') + (two ? `; 2 threads ${Number(two.gflops).toFixed(1)}` : '');
    const peer = line.peerGflops === undefined ? 'not run (--peers)'
      : `${String(line.peer)}: ${Number(line.peerGflops).toFixed(1)} (CPU ${Number(line.peerCpuGflops).toFixed(1)}; its ${form} ${Number(line.peerSameForm).toFixed(1)})`;
    const judge = (ratio: unknown, rate: unknown, peak: unknown): boolean | undefined =>
      ratio === undefined || ceiling === undefined ? undefined : Number(ratio) >= 1.25 && Number(rate) >= 0.75 * Number(peak);
    return [`W3 ${form} 1 thread`, ours, peer, `${times(line.ratio)} / ${times(line.cpuRatio)}`, goal,
      both(judge(line.ratio, line.gflops, ceiling?.gflops), judge(line.cpuRatio, line.cpuGflops, ceiling?.cpuGflops))];
  });
  const ceilingRow = ceiling
    ? [['W3 ceiling', `${Number(ceiling.gflops).toFixed(1)} GFLOP/s (CPU ${Number(ceiling.cpuGflops).toFixed(1)}; ${String(ceiling.layout)})`, '–', '–', 'measured SIMD128 mul+add peak', '']]
    : [];
  return [...ceilingRow, ...rows];
}

function memoryRows(find: Find): string[][] {
  const heap = find('memory', 'w1-heap');
  const regularized = find('memory', 'regularized-heap');
  const rss = find('memory', 'w2-rss');
  const rssMet = rss ? Number(rss.overDataAndBaselineBytes) <= 16 * 2 ** 20 : undefined;
  return [
    ['Memory W1 heap', heap ? `${mb(heap.heapGrowthBytes)} over ${String(heap.steps)} steps` : '–', '–', '–', 'flat', ''],
    ['Memory regularized heap', regularized ? `${mb(regularized.heapGrowthBytes)} over ${String(regularized.steps)} steps` : '–', '–', '–', 'flat', ''],
    ['Memory W2 RSS', rss ? `${mb(rss.peakRssBytes)} = data ${mb(rss.dataBytes)} + baseline ${mb(rss.baselineRssBytes)} + ${mb(rss.overDataAndBaselineBytes)}` : '–', '–', '–',
      '≤ data + baseline + 16 MB', rss ? verdict(rssMet) : '–'],
  ];
}

/** The table as lines of padded columns; `judge` false (a --quick run) leaves the goal column unjudged. */
export function formatTable(lines: readonly Line[], judge: boolean): string[] {
  const find: Find = (workload, kase, threads) => lines.find((l) => l.workload === workload && l.case === kase && (threads === undefined || l.threads === threads));
  const rows: string[][] = [
    timeRow(find, {
      name: 'W1 seed-sin', workload: 'w1', goal: '≥ 2× brain.js', minRatio: 2,
      detail: () => (find('w1', 'engine-loop') ? `; engine loop ${secs(find('w1', 'engine-loop')?.seconds)}` : ''),
    }),
    timeRow(find, {
      name: 'W2 mlp-784', workload: 'w2', goal: '≥ 1.67× (≤ 0.6× NumPy time)', minRatio: 1 / 0.6,
      detail: () => (find('w2', 'with-final-eval') ? `; with final eval ${secs(find('w2', 'with-final-eval')?.seconds)}` : ''),
    }),
    ...(find('w2', 'threads-auto') ? [timeRow(find, { name: "W2, threads: 'auto'", workload: 'w2', kase: 'threads-auto', goal: '(the same; wall only)', minRatio: 1 / 0.6 })] : []),
    ...w3Rows(find),
    timeRow(find, {
      name: 'W4 digits', workload: 'w4', goal: '≥ 2× (≤ 0.5× sklearn time), acc ≥ 0.97', minRatio: 2,
      detail: (line) => `, acc ${Number(line.accuracy).toFixed(3)}` + (line.peerAccuracy === undefined ? '' : ` (peer ${Number(line.peerAccuracy).toFixed(3)})`),
      alsoNeeds: (line) => Number(line.accuracy) >= 0.97,
    }),
    ...memoryRows(find),
  ].map((row) => (judge ? row : [...row.slice(0, -1), row[row.length - 1] === '' ? '' : '–']));
  const header = ['workload', 'clearprop (median)', 'peer, same run (median)', 'ratio wall / CPU', 'goal (#16)', 'wall / CPU'];
  const widths = header.map((_, c) => Math.max(...[header, ...rows].map((r) => r[c].length)));
  return [header, ...rows].map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd());
}
