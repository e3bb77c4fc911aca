/**
 * Reading a Chromium CPU profile (CDP `Profiler.stop`) in the browser benchmarks.
 */

/** Where a profile node's code is. */
export interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
}

/** The parts of a CDP CPU profile the benchmarks read. */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: CallFrame }>
  samples?: number[]
  timeDeltas?: number[]
}

/** A function's name with its file and line, `?` when unknown. */
export function frameName(f: CallFrame | undefined): string {
  return f ? `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}` : '?'
}

/** Self time in ms per function, most first, and the sampled total. */
export function selfTimes(profile: CpuProfile): { top: Array<[string, number]>; totalMs: number } {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<string, number>()
  const samples = profile.samples ?? []
  const deltas = profile.timeDeltas ?? []
  let totalMs = 0
  for (let i = 0; i < samples.length; i++) {
    const name = frameName(byNode.get(samples[i])?.callFrame)
    self.set(name, (self.get(name) ?? 0) + (deltas[i] ?? 0) / 1000)
    totalMs += (deltas[i] ?? 0) / 1000
  }
  return { top: [...self].sort((a, b) => b[1] - a[1]), totalMs }
}
