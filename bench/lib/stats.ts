/** Small statistics helpers for latency samples and repeated runs. */

/** The p-th percentile (0–100) of samples by nearest rank; NaN when there are none. */
export function percentile(samples: ArrayLike<number>, p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = Float64Array.from(samples).sort()
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]
}

/** Median of a list of numbers (NaN-free values only). */
export function median(values: number[]): number {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b)
  if (finite.length === 0) return Number.NaN
  const mid = Math.floor(finite.length / 2)
  return finite.length % 2 ? finite[mid] : (finite[mid - 1] + finite[mid]) / 2
}

/** Latency summary in milliseconds. */
export interface LatencySummary {
  count: number
  p50: number
  p99: number
  max: number
}

/** Summarises latency samples. */
export function summarise(samples: ArrayLike<number>): LatencySummary {
  let max = 0
  for (let i = 0; i < samples.length; i++) max = Math.max(max, samples[i])
  return { count: samples.length, p50: percentile(samples, 50), p99: percentile(samples, 99), max }
}

/** Rounds for display. */
export function round(value: number, digits = 1): number {
  const f = 10 ** digits
  return Math.round(value * f) / f
}
