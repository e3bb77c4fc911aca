/**
 * How close a suggested grouping comes to a hand-drawn one: the adjusted Rand index (1 =
 * identical, about 0 = no better than chance) and pairwise precision/recall (of the pairs of
 * notes put together, how many the facilitator also put together, and the other way round).
 */

/** Pairwise and chance-corrected agreement between two labelings of the same items. */
export interface Agreement {
  ari: number
  precision: number
  recall: number
  f1: number
}

const pairs = (k: number) => (k * (k - 1)) / 2

/** Compares `predicted` against `truth`; both give a group label per item, same order. */
export function agreement(
  predicted: readonly (string | number)[],
  truth: readonly (string | number)[],
): Agreement {
  if (predicted.length !== truth.length) throw new Error('labelings differ in length')
  const n = predicted.length
  const cells = new Map<string, number>()
  const rows = new Map<string | number, number>()
  const cols = new Map<string | number, number>()
  for (let i = 0; i < n; i++) {
    const key = `${predicted[i]}\u0000${truth[i]}`
    cells.set(key, (cells.get(key) ?? 0) + 1)
    rows.set(predicted[i], (rows.get(predicted[i]) ?? 0) + 1)
    cols.set(truth[i], (cols.get(truth[i]) ?? 0) + 1)
  }
  let together = 0
  for (const c of cells.values()) together += pairs(c)
  let predictedPairs = 0
  for (const c of rows.values()) predictedPairs += pairs(c)
  let truePairs = 0
  for (const c of cols.values()) truePairs += pairs(c)
  const all = pairs(n)
  const expected = all === 0 ? 0 : (predictedPairs * truePairs) / all
  const max = (predictedPairs + truePairs) / 2
  const ari = max === expected ? 1 : (together - expected) / (max - expected)
  const precision = predictedPairs === 0 ? 0 : together / predictedPairs
  const recall = truePairs === 0 ? 0 : together / truePairs
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return { ari, precision, recall, f1 }
}
