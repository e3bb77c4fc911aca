import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyControlState, readControl, tallyOf, writeControl } from './controlDoc'
import { startTimer } from './rounds'

describe('control document', () => {
  it('reads defaults from an empty document', () => {
    expect(readControl(new Y.Doc())).toEqual(emptyControlState())
  })

  it('round-trips a state through a second replica', () => {
    const server = new Y.Doc()
    const client = new Y.Doc()
    server.on('update', (u: Uint8Array) => Y.applyUpdate(client, u))
    writeControl(server, {
      currentRoundId: 'r1',
      phase: 'writing',
      timer: startTimer(1000, 60_000),
      done: { t1: true },
      tallies: { p1: { 'shape:a': 2 } },
    })
    const state = readControl(client)
    expect(state.phase).toBe('writing')
    expect(state.timer?.durationMs).toBe(60_000)
    expect(state.done).toEqual({ t1: true })
    expect(tallyOf(state, 'p1', 'shape:a')).toBe(2)
    expect(tallyOf(state, 'p1', 'shape:b')).toBe(0)
  })

  it('does not write keys whose value did not change', () => {
    const doc = new Y.Doc()
    writeControl(doc, { phase: 'writing', done: { t1: true } })
    let updates = 0
    doc.on('update', () => updates++)
    writeControl(doc, { phase: 'writing', done: { t1: true } })
    expect(updates).toBe(0)
    writeControl(doc, { phase: 'locked' })
    expect(updates).toBe(1)
  })
})
