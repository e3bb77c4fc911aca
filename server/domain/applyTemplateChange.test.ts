import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getRecordKV, readRecords, seedDocument, writeRecord } from '../../shared/docLayout'
import { serializedPosterSchema, validatePosterRecord } from '../../shared/posterSchema'
import { templateRecords } from '../../shared/templates/templateRecords'
import { testNote } from '../testing/testNote'
import { applyTemplateChange } from './applyTemplateChange'

function frames(doc: Y.Doc): string[] {
  return [...readRecords(doc).values()]
    .filter((r) => r.type === 'frame')
    .map((r) => (r.props as { name: string }).name)
}

describe('applyTemplateChange', () => {
  it('renames, adds and removes frames and keeps notes, moving those of removed frames to the page', () => {
    const before = templateRecords('questions', ['Hvad virker?', 'Hvad mangler?'], 'da')
    const doc = new Y.Doc()
    seedDocument(doc, before, serializedPosterSchema())
    const second = before.find((r) => r.id === 'shape:question-2') as unknown as { x: number; y: number }
    doc.transact(() => {
      writeRecord(getRecordKV(doc), {
        ...testNote('in-first', 1, 'Godt'),
        parentId: 'shape:question-1',
        x: 10,
        y: 20,
      })
      writeRecord(getRecordKV(doc), {
        ...testNote('in-second', 2, 'Data'),
        parentId: 'shape:question-2',
        x: 30,
        y: 40,
      })
    })

    applyTemplateChange(doc, before, templateRecords('questions', ['Hvad virker godt?'], 'da'))

    expect(frames(doc)).toEqual(['1. Hvad virker godt?'])
    const records = readRecords(doc)
    expect(records.get('shape:in-first')?.parentId).toBe('shape:question-1')
    const moved = records.get('shape:in-second')
    expect(moved).toMatchObject({ parentId: 'page:poster', x: second.x + 30, y: second.y + 40 })
    expect(records.has('shape:question-2-text')).toBe(false)
    for (const record of records.values()) expect(validatePosterRecord(record), record.id).toBeNull()
  })

  it('switches to another template and language', () => {
    const before = templateRecords('asis-tobe', ['Hvad virker?'], 'da')
    const doc = new Y.Doc()
    seedDocument(doc, before, serializedPosterSchema())
    applyTemplateChange(doc, before, templateRecords('staircase', [], 'en'))
    expect(frames(doc).sort()).toEqual(['Step 1', 'Step 2', 'Step 3', 'Step 4', 'Step 5'])
    expect(readRecords(doc).has('shape:questions')).toBe(false)
  })
})
