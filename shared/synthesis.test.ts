import { describe, expect, it } from 'vitest'
import type { JsonRecord } from './docLayout'
import { blankPosterRecords, validatePosterRecord } from './posterSchema'
import { richTextToPlainText } from './richText'
import {
  copyIdOf,
  INBOX_FRAME_ID,
  type NoteSource,
  type Provenance,
  provenanceOf,
  pullRecords,
  readSynthesis,
  themeRecords,
} from './synthesis'

const provenance = (table: number, note: number): Provenance => ({
  posterId: `poster${table}`,
  noteId: `shape:n${note}`,
  roundId: 'round1',
  tableId: `table${table}`,
  tableName: `Bord ${table}`,
  questionIndex: 1,
  question: '2. Hvilke IT-værktøjer?',
  authorName: table === 1 ? 'Mette' : null,
})

const source = (table: number, note: number, text: string): NoteSource => ({
  text,
  colour: 'light-blue',
  provenance: provenance(table, note),
})

const apply = (map: Map<string, JsonRecord>, records: JsonRecord[]) => {
  for (const r of records) map.set(r.id, r)
  return map
}

const poster = () => new Map(blankPosterRecords('Opsamling').map((r) => [r.id, r]))

describe('synthesis layout', () => {
  it('copies a note with its text, colour and full provenance, as a valid record', () => {
    const records = pullRecords(poster(), [source(1, 1, 'Alt ligger i Excel')], 'Hentede noter')
    for (const r of records) expect(validatePosterRecord(r)).toBeNull()
    const copy = records.find((r) => r.id === copyIdOf(provenance(1, 1)))!
    expect(copy.parentId).toBe(INBOX_FRAME_ID)
    expect(richTextToPlainText((copy.props as Record<string, unknown>).richText)).toBe('Alt ligger i Excel')
    expect((copy.props as Record<string, unknown>).color).toBe('light-blue')
    expect(provenanceOf(copy)).toEqual(provenance(1, 1))
  })

  it('keeps one copy when the same note is pulled twice, and grows the inbox', () => {
    const doc = apply(poster(), pullRecords(poster(), [source(1, 1, 'a')], 'Inbox'))
    expect(pullRecords(doc, [source(1, 1, 'a')], 'Inbox')).toEqual([])
    const more = pullRecords(
      doc,
      [1, 2, 3, 4].map((n) => source(2, n, `note ${n}`)),
      'Inbox',
    )
    const inbox = more.find((r) => r.id === INBOX_FRAME_ID)!
    const h = (r: JsonRecord) => (r.props as Record<string, number>).h
    expect(h(inbox)).toBeGreaterThan(h(doc.get(INBOX_FRAME_ID)!))
    expect(more.filter((r) => r.type === 'note')).toHaveLength(4)
  })

  it('accepting a theme moves a pulled copy, keeping its edits, and copies the others', () => {
    const doc = apply(poster(), pullRecords(poster(), [source(1, 1, 'Excel overalt')], 'Inbox'))
    const copyId = copyIdOf(provenance(1, 1))
    const edited = doc.get(copyId)!
    doc.set(copyId, { ...edited, props: { ...(edited.props as object), color: 'red' } })
    const { frameId, records } = themeRecords(
      doc,
      'Regneark',
      [source(1, 1, 'Excel overalt'), source(2, 7, 'Regnearket er forældet')],
      't1',
    )
    for (const r of records) expect(validatePosterRecord(r)).toBeNull()
    apply(doc, records)
    expect(doc.get(copyId)!.parentId).toBe(frameId)
    expect((doc.get(copyId)!.props as Record<string, unknown>).color).toBe('red')
    const themes = readSynthesis(doc)
    expect(themes).toHaveLength(1)
    expect(themes[0].label).toBe('Regneark')
    expect(themes[0].notes.map((n) => [n.text, n.provenance?.tableName])).toEqual([
      ['Excel overalt', 'Bord 1'],
      ['Regnearket er forældet', 'Bord 2'],
    ])
  })

  it('places a second theme beside the first, not on top of it', () => {
    const doc = poster()
    const first = themeRecords(doc, 'A', [source(1, 1, 'x')], 'a')
    apply(doc, first.records)
    const second = themeRecords(doc, 'B', [source(1, 2, 'y')], 'b')
    const frame = (id: string, rs: JsonRecord[]) => rs.find((r) => r.id === id)!
    expect(frame(second.frameId, second.records).x).not.toBe(frame(first.frameId, first.records).x)
  })
})
