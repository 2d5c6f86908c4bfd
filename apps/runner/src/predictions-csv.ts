/** What predictions.csv needs to know about the model's outputs. */
export interface PredictionColumns {
  readonly task: 'regression' | 'classification';
  /** Regression: one name per output (the training target names). */
  readonly targetNames: readonly string[];
  /** Classification: one label per output column (two for a single output: negative, positive). */
  readonly classLabels: readonly string[];
  /** A single output is labelled positive above this. @defaultValue 0.5 */
  readonly threshold?: number;
}

/**
 * Predictions as CSV. Regression: one column per target, `<name>`. Classification: `predicted` (the class label
 * of the largest output) then one `p_<label>` column per output; a single output (binary) is `predicted,p_<positive>`
 * (`predicted,p_1` for labels 0/1), the positive label above `threshold`. Shapes: outputs [rows, k] row-major.
 */
export function predictionsCsv(outputs: ArrayLike<number>, rows: number, columns: PredictionColumns): string {
  const k = rows === 0 ? 0 : outputs.length / rows;
  const lines: string[] = [];
  if (columns.task === 'regression') {
    const names = columns.targetNames.length === k ? columns.targetNames : Array.from({ length: k }, (_, j) => `y${j}`);
    lines.push(names.join(','));
    for (let i = 0; i < rows; i++) lines.push(Array.from({ length: k }, (_, j) => String(outputs[i * k + j])).join(','));
  } else {
    const labels = columns.classLabels.length === Math.max(k, 2) ? columns.classLabels : Array.from({ length: Math.max(k, 2) }, (_, j) => String(j));
    // One output is the probability of the positive class, labels[1].
    const shown = k === 1 ? [labels[1]] : labels;
    lines.push(['predicted', ...shown.map((label) => `p_${label}`)].join(','));
    const threshold = columns.threshold ?? 0.5;
    for (let i = 0; i < rows; i++) {
      const row = Array.from({ length: k }, (_, j) => outputs[i * k + j]);
      const best = k === 1 ? (row[0] > threshold ? 1 : 0) : row.indexOf(Math.max(...row));
      lines.push([labels[best], ...row.map(String)].join(','));
    }
  }
  return lines.join('\n') + '\n';
}
