import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { MessageType } from '../../shared/protocol'
import { decodeClientFrame, encodeAwareness, encodeSyncStep1, encodeUpdate } from './messages'
import { MalformedMessageError } from './SyncError'

describe('decodeClientFrame', () => {
  it('reads the frames a stock client sends', () => {
    const doc = new Y.Doc()
    doc.getArray('records').push([{ key: 'a/b', val: 1 }])
    const step1 = decodeClientFrame(encodeSyncStep1(doc))
    expect(step1.type).toBe('step1')
    const update = decodeClientFrame(encodeUpdate(Y.encodeStateAsUpdate(doc)))
    expect(update.type).toBe('update')
    const awareness = new awarenessProtocol.Awareness(doc)
    awareness.setLocalStateField('user', { name: 'Ada' })
    const frame = decodeClientFrame(
      encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])),
    )
    expect(frame.type === 'awareness' && frame.entries[0].state).toEqual({ user: { name: 'Ada' } })
    awareness.destroy()
    expect(decodeClientFrame(new Uint8Array([MessageType.QueryAwareness])).type).toBe('queryAwareness')
  })

  it('refuses garbage with a MalformedMessageError naming the problem', () => {
    const cases = [
      new Uint8Array([]),
      new Uint8Array([9]),
      new Uint8Array([0, 7, 0]),
      new Uint8Array([0, 2, 50, 1, 2]),
      new Uint8Array([0, 2, 3, 255, 255, 255]),
    ]
    for (const data of cases) expect(() => decodeClientFrame(data)).toThrow(MalformedMessageError)
    const badJson = encoding.createEncoder()
    encoding.writeVarUint(badJson, MessageType.Awareness)
    const inner = encoding.createEncoder()
    encoding.writeVarUint(inner, 1)
    encoding.writeVarUint(inner, 42)
    encoding.writeVarUint(inner, 1)
    encoding.writeVarString(inner, '{not json')
    encoding.writeVarUint8Array(badJson, encoding.toUint8Array(inner))
    expect(() => decodeClientFrame(encoding.toUint8Array(badJson))).toThrow(MalformedMessageError)
    expect(() => decodeClientFrame(new Uint8Array([9]))).toThrow(/unknown message type 9/)
  })

  it('offers an update or awareness frame for relaying as received only when nothing trails the message', () => {
    const doc = new Y.Doc()
    doc.getArray('records').push([{ key: 'a/b', val: 1 }])
    const clean = encodeUpdate(Y.encodeStateAsUpdate(doc))
    const update = decodeClientFrame(clean)
    expect(update.type === 'update' && update.relay).toBe(clean)
    const trailing = new Uint8Array([...clean, 7, 7])
    const padded = decodeClientFrame(trailing)
    expect(padded.type === 'update' && padded.relay).toBeNull()
    const awareness = new awarenessProtocol.Awareness(doc)
    awareness.setLocalStateField('cursor', { x: 1 })
    const frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]))
    awareness.destroy()
    const cursor = decodeClientFrame(frame)
    expect(cursor.type === 'awareness' && cursor.relay).toBe(frame)
    const extra = decodeClientFrame(new Uint8Array([...frame, 0]))
    expect(extra.type === 'awareness' && extra.relay).toBeNull()
  })
})
