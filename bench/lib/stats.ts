/** Small statistics over repeated runs: the benchmark reports medians, never means or bests. */

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median of a field over samples. */
export function medianOf<T>(samples: readonly T[], pick: (s: T) => number): number {
  return median(samples.map(pick));
}

/** Spread as min-max, to show how noisy a median is. */
export function range(values: readonly number[]): [number, number] {
  return [Math.min(...values), Math.max(...values)];
}
