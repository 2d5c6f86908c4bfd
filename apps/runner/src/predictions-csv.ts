/** What predictions.csv needs to know about the model's outputs. */
export interface PredictionColumns {
  readonly task: 'regression' | 'classification';
  /** Regression: one name per output (the training target names). */
  readonly targetNames: readonly string[];
  /** Classification: one label per output column. */
  readonly classLabels: readonly string[];
}

/**
 * Predictions as CSV. Regression: one column per target, `<name>`. Classification: `predicted` (the class label
 * of the largest output; a 0.5 threshold for a single output) then one `p_<label>` column per output.
 * Shapes: outputs [rows, k] row-major.
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
    lines.push(['predicted', ...Array.from({ length: k }, (_, j) => `p_${labels[j]}`)].join(','));
    for (let i = 0; i < rows; i++) {
      const row = Array.from({ length: k }, (_, j) => outputs[i * k + j]);
      const best = k === 1 ? (row[0] > 0.5 ? 1 : 0) : row.indexOf(Math.max(...row));
      lines.push([labels[best], ...row.map(String)].join(','));
    }
  }
  return lines.join('\n') + '\n';
}
