import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getRecordKV, type JsonRecord, readRecords, writeRecord } from '../../shared/docLayout'
import { extractNotes } from '../../shared/extract'
import { blankPosterRecords, POSTER_PAGE_ID } from '../../shared/posterSchema'
import { buildPosterScene, wrapText } from './posterScene'

const rich = (text: string) => ({
  type: 'doc',
  content: text.split('\n').map((line) => ({ type: 'paragraph', content: [{ type: 'text', text: line }] })),
})

function shape(
  id: string,
  type: string,
  x: number,
  y: number,
  props: Record<string, unknown>,
  parentId = POSTER_PAGE_ID,
) {
  return {
    id,
    typeName: 'shape',
    type,
    x,
    y,
    rotation: 0,
    index: `a${id.slice(-1)}`,
    parentId,
    props,
  } as unknown as JsonRecord
}

describe('buildPosterScene', () => {
  it('places a note inside a frame at page coordinates, with its text and colour', () => {
    const doc = new Y.Doc()
    const kv = getRecordKV(doc)
    doc.transact(() => {
      for (const r of blankPosterRecords()) writeRecord(kv, r)
      writeRecord(kv, shape('shape:f1', 'frame', 100, 50, { w: 800, h: 600, name: 'Formål' }))
      writeRecord(
        kv,
        shape(
          'shape:n2',
          'note',
          20,
          30,
          { color: 'blue', size: 'm', scale: 1, growY: 0, richText: rich('Flere borgere\ni dialog') },
          'shape:f1',
        ),
      )
    })
    const scene = buildPosterScene(readRecords(doc))
    const frame = scene.items.find((d) => d.kind === 'frame')
    const note = scene.items.find((d) => d.kind === 'note')
    expect(frame && 'name' in frame && frame.name).toBe('Formål')
    expect(note?.kind === 'note' && note.box).toEqual({ x: 120, y: 80, w: 200, h: 200 })
    expect(note?.kind === 'note' && note.text).toBe('Flere borgere\ni dialog')
    expect(note?.kind === 'note' && note.fill).toBe('#8AA3FF')
    expect(note?.kind === 'note' && note.fontSize).toBe(22)
    // The frame is painted before (under) the note it contains.
    expect(scene.items.indexOf(frame!)).toBeLessThan(scene.items.indexOf(note!))
    expect(scene.bounds).toEqual({ x: 100, y: 50, w: 800, h: 600 })
  })

  it('shows a note with a list as the exports write it', () => {
    const listNote = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Ønsker' }] },
        {
          type: 'bulletList',
          content: ['Flere borgere', 'Kortere møder'].map((text) => ({
            type: 'listItem',
            content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
          })),
        },
      ],
    }
    const records = [
      ...blankPosterRecords(),
      shape('shape:n1', 'note', 0, 0, { color: 'yellow', size: 'm', scale: 1, growY: 0, richText: listNote }),
    ]
    const note = buildPosterScene(new Map(records.map((r) => [r.id, r]))).items.find((d) => d.kind === 'note')
    const exported = extractNotes(records)[0]?.text
    expect(exported).toBe('Ønsker\n- Flere borgere\n- Kortere møder')
    expect(note?.kind === 'note' && note.text).toBe(exported)
  })

  it('resolves bound arrow ends to their targets', () => {
    const records = [
      shape('shape:a1', 'geo', 0, 0, {
        w: 100,
        h: 100,
        geo: 'rectangle',
        color: 'red',
        fill: 'none',
        richText: rich(''),
      }),
      shape('shape:b2', 'geo', 400, 0, {
        w: 100,
        h: 100,
        geo: 'ellipse',
        color: 'red',
        fill: 'solid',
        richText: rich(''),
      }),
      shape('shape:c3', 'arrow', 0, 0, { start: { x: 0, y: 0 }, end: { x: 10, y: 10 }, color: 'black' }),
      {
        id: 'binding:x',
        typeName: 'binding',
        type: 'arrow',
        fromId: 'shape:c3',
        toId: 'shape:b2',
        props: { terminal: 'end', normalizedAnchor: { x: 0.5, y: 0.5 } },
      } as unknown as JsonRecord,
    ]
    const scene = buildPosterScene(records)
    const arrow = scene.items.find((d) => d.kind === 'line')
    expect(arrow?.kind === 'line' && arrow.points).toEqual([
      { x: 0, y: 0 },
      { x: 450, y: 50 },
    ])
  })

  it('has no bounds for an empty poster', () => {
    expect(buildPosterScene(blankPosterRecords()).bounds).toBeNull()
  })

  it('wraps text into lines that fit', () => {
    const lines = wrapText('one two three four five six', 100, 20)
    expect(lines.length).toBeGreaterThan(1)
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(10)
  })

  it('breaks a word longer than a line with hyphens instead of cutting it', () => {
    const word = 'kommunalbestyrelsesmedlemmernes'
    const lines = wrapText(`Om ${word} rolle`, 100, 20)
    expect(lines.every((l) => l.length <= 10)).toBe(true)
    expect(lines.join('').replace(/-/g, '').replace(/ /g, '')).toBe(`Om${word}rolle`)
    expect(lines.some((l) => l.includes('…'))).toBe(false)
  })
})
