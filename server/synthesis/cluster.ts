/**
 * Average-linkage agglomerative clustering cut at a similarity threshold.
 *
 * Runs the nearest-neighbour-chain algorithm (O(n²) time on an n×n matrix): follow each
 * cluster to its most similar neighbour until two clusters are each other's nearest, merge
 * them, update similarities by the Lance–Williams rule for average linkage. Average linkage
 * never raises a similarity by merging, so a cluster whose best neighbour is below the
 * threshold is final and leaves the chain; the result is exactly the dendrogram cut at the
 * threshold, without building the rest of it. Written here because the npm packages for
 * hierarchical clustering copy the whole matrix on every merge (cubic: seconds for 1,000 notes).
 */

/**
 * Groups items whose average pairwise similarity is at least `threshold`.
 * @param similarity row-major n×n matrix, symmetric; it is modified (pass a copy to keep it).
 * @returns groups of item indexes, each ascending, larger groups first.
 */
export function averageLinkage(similarity: Float64Array, n: number, threshold: number): number[][] {
  const sim = similarity
  const size = new Int32Array(n).fill(1)
  const active = new Uint8Array(n).fill(1)
  const members: number[][] = Array.from({ length: n }, (_, i) => [i])
  const finished: number[][] = []
  let remaining = n
  const chain: number[] = []
  let scan = 0

  while (remaining > 0) {
    if (chain.length === 0) {
      while (!active[scan]) scan++
      chain.push(scan)
    }
    const a = chain[chain.length - 1]
    const prev = chain.length > 1 ? chain[chain.length - 2] : -1
    // Prefer the previous link on ties so the chain always ends in a reciprocal pair.
    let best = prev
    let bestSim = prev >= 0 ? sim[a * n + prev] : Number.NEGATIVE_INFINITY
    for (let k = 0; k < n; k++) {
      if (k === a || !active[k]) continue
      const s = sim[a * n + k]
      if (s > bestSim) {
        bestSim = s
        best = k
      }
    }
    if (best < 0 || bestSim < threshold) {
      // Nothing is similar enough to `a`, now or after any later merge: it is a final cluster.
      chain.pop()
      active[a] = 0
      remaining--
      finished.push(members[a])
      continue
    }
    if (best !== prev) {
      chain.push(best)
      continue
    }
    chain.pop()
    chain.pop()
    const b = prev
    const na = size[a]
    const nb = size[b]
    for (let k = 0; k < n; k++) {
      if (!active[k] || k === a || k === b) continue
      const s = (na * sim[a * n + k] + nb * sim[b * n + k]) / (na + nb)
      sim[a * n + k] = s
      sim[k * n + a] = s
    }
    size[a] = na + nb
    members[a] = members[a].concat(members[b])
    active[b] = 0
    remaining--
  }
  for (const m of finished) m.sort((x, y) => x - y)
  return finished.sort((x, y) => y.length - x.length || x[0] - y[0])
}
