/** A pipeline stage: a function from a source iterable to a new, lazy iterable (cf. RxJS OperatorFunction). */
export type Step<A, B> = (source: Iterable<A>) => Iterable<B>;

/** Feeds `source` through the steps left to right: pipe(s, f, g) = g(f(s)). Lazy: nothing runs until iterated. */
export function pipe<A>(source: Iterable<A>): Iterable<A>;
export function pipe<A, B>(source: Iterable<A>, s1: Step<A, B>): Iterable<B>;
export function pipe<A, B, C>(source: Iterable<A>, s1: Step<A, B>, s2: Step<B, C>): Iterable<C>;
export function pipe<A, B, C, D>(source: Iterable<A>, s1: Step<A, B>, s2: Step<B, C>, s3: Step<C, D>): Iterable<D>;
export function pipe<A, B, C, D, E>(
  source: Iterable<A>,
  s1: Step<A, B>,
  s2: Step<B, C>,
  s3: Step<C, D>,
  s4: Step<D, E>,
): Iterable<E>;
export function pipe<A, B, C, D, E, F>(
  source: Iterable<A>,
  s1: Step<A, B>,
  s2: Step<B, C>,
  s3: Step<C, D>,
  s4: Step<D, E>,
  s5: Step<E, F>,
): Iterable<F>;
export function pipe(source: Iterable<unknown>, ...steps: readonly Step<unknown, unknown>[]): Iterable<unknown> {
  return steps.reduce((acc, step) => step(acc), source);
}
