import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { compactUpdates, mergeStoredUpdates } from './compactUpdates.js'

function edits(count: number): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  const notes = doc.getMap<string>('notes')
  for (let i = 0; i < count; i++) notes.set(`n${i % 10}`, `text ${i}`)
  return { doc, updates }
}

function json(update: Uint8Array): unknown {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  return doc.getMap('notes').toJSON()
}

describe('compactUpdates', () => {
  it('folds updates in any order into the same document', () => {
    const { doc, updates } = edits(50)
    expect(json(compactUpdates(updates))).toEqual(doc.getMap('notes').toJSON())
    expect(json(compactUpdates([...updates].reverse()))).toEqual(doc.getMap('notes').toJSON())
  })

  it('keeps an update whose predecessor is missing, so nothing is lost when it arrives', () => {
    const { doc, updates } = edits(20)
    const withoutFifth = updates.filter((_, i) => i !== 5)
    const folded = compactUpdates(withoutFifth)
    const later = compactUpdates([folded, updates[5] as Uint8Array])
    expect(json(later)).toEqual(doc.getMap('notes').toJSON())
  })

  it('drops overwritten values: the state is smaller than the merged log', () => {
    const { updates } = edits(400)
    expect(compactUpdates(updates).byteLength).toBeLessThan(Y.mergeUpdates(updates).byteLength / 2)
  })

  it('returns a lone stored part unchanged', () => {
    const { updates } = edits(1)
    expect(mergeStoredUpdates(updates)).toBe(updates[0])
  })
})
