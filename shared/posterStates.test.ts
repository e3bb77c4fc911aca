import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { decodePosterStates, encodePosterStates } from './posterStates'

describe('poster states', () => {
  it('round-trips several Yjs states', () => {
    const doc = new Y.Doc()
    doc.getMap('m').set('k', 'æøå')
    const state = Y.encodeStateAsUpdate(doc)
    const decoded = decodePosterStates(
      encodePosterStates([
        { posterId: 'a', state },
        { posterId: 'b', state: new Uint8Array() },
      ]),
    )
    expect([...decoded.keys()]).toEqual(['a', 'b'])
    const copy = new Y.Doc()
    Y.applyUpdate(copy, decoded.get('a') as Uint8Array)
    expect(copy.getMap('m').get('k')).toBe('æøå')
  })

  it('refuses a truncated body', () => {
    const bytes = encodePosterStates([{ posterId: 'a', state: new Uint8Array([1, 2, 3]) }])
    expect(() => decodePosterStates(bytes.slice(0, bytes.length - 1))).toThrow()
  })
})
