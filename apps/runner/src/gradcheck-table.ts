import type { GradientCheckRow } from '@clearprop/nn';
import { formatNumber } from './format.ts';

/** The gradcheck report as an aligned text table with a verdict line. */
export function gradcheckTable(report: readonly GradientCheckRow[], options: { readonly tolerance: number; readonly title: string }): string {
  const header = ['layer', 'tensor', 'size', 'max rel error', 'max abs error', ''];
  const rows = report.map((r) => [
    String(r.layer), r.tensor, String(r.size), formatNumber(r.maxRelativeError), formatNumber(r.maxAbsoluteError),
    r.maxRelativeError <= options.tolerance ? 'ok' : 'FAIL',
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: readonly string[]) => cells.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd();
  const failed = report.filter((r) => r.maxRelativeError > options.tolerance).length;
  const verdict = failed === 0 ? `all ${report.length} tensors within ${options.tolerance}` : `${failed} of ${report.length} tensors over ${options.tolerance}`;
  return [`gradient check: ${options.title}`, line(header), ...rows.map(line), verdict].join('\n') + '\n';
}
