/**
 * Class colours for maps and legends (Tableau 10, as Vega's `tableau10` scheme): class k gets CLASS_COLORS[k].
 * Both apps use them, so a class has one colour in the dashboard and in the SVGs.
 */
export const CLASS_COLORS: readonly string[] = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** Point glyphs per class: filled for training points, hollow for validation ones (shape tells the class without colour). */
export const CLASS_GLYPHS = {
  train: ['●', '▲', '■', '◆', '★', '✚', '✖', '♠', '♣', '♥'],
  validation: ['○', '△', '□', '◇', '☆', '✛', '✕', '♤', '♧', '♡'],
} as const;

/** The most likely class of one cell and how sure: t = (p_max − 1/K)/(1 − 1/K), 0 on a tie of all K, 1 when certain. */
export interface CellClass {
  readonly k: number;
  readonly confidence: number;
}

/** Argmax and confidence of the K probabilities at `offset` (the first class on ties). */
export function cellClass(probabilities: ArrayLike<number>, offset: number, classes: number): CellClass {
  let k = 0;
  for (let c = 1; c < classes; c++) if (probabilities[offset + c] > probabilities[offset + k]) k = c;
  const chance = 1 / classes;
  return { k, confidence: Math.min(1, Math.max(0, (probabilities[offset + k] - chance) / (1 - chance))) };
}

/** `#rrggbb` between `from` (w = 0) and `to` (w = 1), channel by channel, rounded. */
export function mixColors(from: string, to: string, w: number): string {
  const channel = (hex: string, i: number) => Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  const parts = [0, 1, 2].map((i) => Math.round(channel(from, i) + (channel(to, i) - channel(from, i)) * w));
  return `#${parts.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * A boundary cell's colour: the class colour faded towards `neutral` as the confidence drops, so the boundary
 * itself (confidence 0) is neutral and sure regions are the full class colour. Weight 0.15 + 0.85·t.
 */
export function boundaryColor(cell: CellClass, neutral: string): string {
  return mixColors(neutral, CLASS_COLORS[cell.k % CLASS_COLORS.length], 0.15 + 0.85 * cell.confidence);
}

/** Colours of a hidden unit's activation on a diverging scale: negative towards NEGATIVE, positive towards POSITIVE. */
export const ACTIVATION_COLORS = { negative: '#f28e2b', positive: '#4e79a7' } as const;

/** A unit value v in [−peak, peak] as a colour between neutral (0) and the sign's colour (|v| = peak). */
export function activationColor(v: number, peak: number, neutral: string): string {
  const w = peak > 0 ? Math.min(1, Math.abs(v) / peak) : 0;
  return mixColors(neutral, v < 0 ? ACTIVATION_COLORS.negative : ACTIVATION_COLORS.positive, w);
}
