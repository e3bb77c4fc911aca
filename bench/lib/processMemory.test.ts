import { type ChildProcess, spawn } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { groupMemory, processTree } from './processMemory'

const linux = process.platform === 'linux'
const children: ChildProcess[] = []

afterEach(() => {
  for (const child of children.splice(0)) child.kill()
})

/** A Node child that allocates `mb` of its own memory and waits. */
function nodeChild(mb: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `globalThis.keep = Buffer.alloc(${mb} * 1024 * 1024, 1); console.log('up'); setInterval(() => {}, 1000)`,
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  )
  children.push(child)
  return new Promise((resolve) => child.stdout?.once('data', () => resolve(child)))
}

describe.runIf(linux)('groupMemory', () => {
  it('finds a process and its children', async () => {
    const child = await nodeChild(1)
    const tree = processTree(process.pid)
    expect(tree[0]).toBe(process.pid)
    expect(tree).toContain(child.pid)
  })

  it('counts the pages two Node processes share once, and what each allocated for itself', async () => {
    const [a, b] = await Promise.all([nodeChild(40), nodeChild(40)])
    const memory = groupMemory([a.pid ?? -1, b.pid ?? -1])
    expect(memory.processes).toHaveLength(2)
    // Each holds its own 40 MB buffer.
    for (const p of memory.processes) expect(p.privateBytes).toBeGreaterThan(40 * 1024 * 1024)
    expect(memory.pssBytes).toBeLessThanOrEqual(memory.rssBytes)
    if (memory.uniqueBytes === null) return // page frames need root
    // Both buffers are counted, the Node binary's shared code only once.
    expect(memory.uniqueBytes).toBeGreaterThan(80 * 1024 * 1024)
    expect(memory.uniqueBytes).toBeLessThan(memory.rssBytes)
    const sharedOnce = memory.rssBytes - memory.uniqueBytes
    expect(sharedOnce).toBeGreaterThan(5 * 1024 * 1024)
  })
})
