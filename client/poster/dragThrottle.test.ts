/**
 * What coalescing outgoing writes saves while a note is dragged: one second at 60 frames per
 * second, written every frame versus at most once per 50 ms. Reports the figures.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { editShape, MemoryLink, newStore, noteRecord, seededDoc } from './testing/memoryPeers'
import { YjsTldrawBinding } from './YjsTldrawBinding'

function drag(flushIntervalMs: number) {
  vi.useFakeTimers()
  const link = new MemoryLink()
  // Fixed client ids: the two drags' document sizes are compared, and a random id's encoded
  // length (1–5 bytes, in every struct it writes) would decide the comparison by chance.
  const docA = link.add(seededDoc(1_000_001))
  const peer = new Y.Doc()
  peer.clientID = 1_000_002
  const docB = link.add(peer)
  const storeA = newStore()
  const storeB = newStore()
  const a = new YjsTldrawBinding(storeA, docA, { flushIntervalMs })
  a.start()
  new YjsTldrawBinding(storeB, docB, { flushIntervalMs }).start()
  storeA.put([noteRecord('n1', 'dragged')])
  vi.advanceTimersByTime(1000)
  const before = { updates: link.sent.get(docA)!.length, bytes: sum(link.sent.get(docA)!) }
  for (let frame = 1; frame <= 60; frame++) {
    editShape(storeA, 'n1', () => ({ x: frame * 7, y: frame * 3 }))
    vi.advanceTimersByTime(16)
  }
  vi.advanceTimersByTime(200)
  a.destroy()
  const sent = link.sent.get(docA)!
  return {
    updates: sent.length - before.updates,
    bytesSent: sum(sent) - before.bytes,
    docBytes: Y.encodeStateAsUpdate(docA).byteLength,
    finalX: (storeB.get('shape:n1' as never) as unknown as { x: number }).x,
  }
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0)
}

afterEach(() => {
  vi.useRealTimers()
})

describe('drag write coalescing', () => {
  it('sends far fewer bytes and ends at the same place', () => {
    const everyFrame = drag(0)
    const coalesced = drag(50)
    console.info('drag of 60 frames:', JSON.stringify({ everyFrame, coalesced }))
    expect(coalesced.finalX).toBe(420)
    expect(everyFrame.finalX).toBe(420)
    expect(everyFrame.updates).toBe(60)
    expect(coalesced.updates).toBeLessThanOrEqual(22)
    expect(coalesced.bytesSent).toBeLessThan(everyFrame.bytesSent / 2)
    expect(coalesced.docBytes).toBeLessThanOrEqual(everyFrame.docBytes)
  })
})
