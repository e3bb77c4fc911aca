import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readRecords, seedDocument } from './docLayout'
import { extractNotes, extractPoster } from './extract'
import { blankPosterRecords, serializedPosterSchema, validatePosterRecord } from './posterSchema'
import { templateRecords } from './templates/templateRecords'
import { frameRecord, geoRecord, noteRecord, textRecord } from './testing/posterFixtures'

function poster(shapes: ReturnType<typeof noteRecord>[]) {
  for (const s of shapes) expect(validatePosterRecord(s)).toBeNull()
  const doc = new Y.Doc()
  seedDocument(doc, [...blankPosterRecords(), ...shapes], serializedPosterSchema())
  return readRecords(doc)
}

describe('extractPoster', () => {
  it('assigns notes to the frame they are parented to, and others to "outside frames"', () => {
    const q1 = frameRecord({ id: 'shape:q1', name: 'Hvad virker i dag?', x: 0, y: 0, w: 800, h: 600 })
    const q2 = frameRecord({ id: 'shape:q2', name: 'Hvad mangler?', x: 900, y: 0, w: 800, h: 600 })
    const records = poster([
      q1,
      q2,
      noteRecord({ text: 'Borgerservice', parentId: 'shape:q1', x: 20, y: 60, color: 'green' }),
      noteRecord({ text: 'Mere tid', parentId: 'shape:q2', x: 20, y: 60 }),
      noteRecord({ text: 'Kaffe', x: 0, y: 2000 }),
    ])
    const { frames, notes } = extractPoster(records)
    expect(frames.map((f) => f.name)).toEqual(['Hvad virker i dag?', 'Hvad mangler?'])
    expect(notes.map((n) => [n.question, n.text, n.colour])).toEqual([
      ['Hvad virker i dag?', 'Borgerservice', 'green'],
      ['Hvad mangler?', 'Mere tid', 'yellow'],
      [null, 'Kaffe', 'yellow'],
    ])
  })

  it('uses geometry for shapes dropped over a frame without being reparented', () => {
    const records = poster([
      frameRecord({ id: 'shape:a', name: 'A', x: 0, y: 0, w: 500, h: 500 }),
      frameRecord({ id: 'shape:b', name: 'B', x: 1000, y: 0, w: 500, h: 500 }),
      noteRecord({ text: 'in B by geometry', x: 1100, y: 100 }),
      // Centre (700, 100) is between the frames.
      noteRecord({ text: 'between', x: 600, y: 0 }),
      textRecord({ text: 'label in A', x: 50, y: 50 }),
    ])
    const byText = new Map(extractNotes(records).map((n) => [n.text, n.question]))
    expect(byText.get('in B by geometry')).toBe('B')
    expect(byText.get('between')).toBeNull()
    expect(byText.get('label in A')).toBe('A')
  })

  it('resolves nested frames to the innermost named frame, by parent chain and by geometry', () => {
    const records = poster([
      frameRecord({ id: 'shape:outer', name: 'Outer', x: 0, y: 0, w: 2000, h: 2000 }),
      frameRecord({
        id: 'shape:inner',
        name: 'Inner',
        parentId: 'shape:outer',
        x: 100,
        y: 100,
        w: 600,
        h: 600,
      }),
      noteRecord({ text: 'child of inner', parentId: 'shape:inner', x: 10, y: 10 }),
      noteRecord({ text: 'child of outer', parentId: 'shape:outer', x: 1200, y: 1200 }),
      // Page-level note whose centre is inside inner's page bounds (100..700).
      noteRecord({ text: 'floating over inner', x: 300, y: 300 }),
    ])
    const byText = new Map(extractNotes(records).map((n) => [n.text, n.question]))
    expect(byText.get('child of inner')).toBe('Inner')
    expect(byText.get('child of outer')).toBe('Outer')
    expect(byText.get('floating over inner')).toBe('Inner')
  })

  it('follows rotation and parent offsets into page space', () => {
    const records = poster([
      // Rotated 90° around its origin at (1000, 0): it covers x 400..1000, y 0..800.
      frameRecord({ id: 'shape:rot', name: 'Rotated', x: 1000, y: 0, w: 800, h: 600, rotation: Math.PI / 2 }),
      noteRecord({ text: 'under rotated frame', x: 600, y: 300 }),
    ])
    expect(extractNotes(records)[0].question).toBe('Rotated')
  })

  it('reads rich text with lists, ordered lists and hard breaks as plain text', () => {
    const rich = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Idéer:' }] },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Æbler' }] }],
            },
            {
              type: 'listItem',
              content: [
                { type: 'paragraph', content: [{ type: 'text', text: 'Grønt' }] },
                {
                  type: 'orderedList',
                  attrs: { start: 1 },
                  content: [
                    {
                      type: 'listItem',
                      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'ærter' }] }],
                    },
                    {
                      type: 'listItem',
                      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'løg' }] }],
                    },
                  ],
                },
              ],
            },
          ],
        },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'linje 1', marks: [{ type: 'bold' }] },
            { type: 'hardBreak' },
            { type: 'text', text: 'linje 2' },
          ],
        },
      ],
    }
    const [note] = extractNotes(poster([noteRecord({ text: rich as never })]))
    expect(note.text).toBe('Idéer:\n- Æbler\n- Grønt\n  1. ærter\n  2. løg\nlinje 1\nlinje 2')
  })

  it('skips empty notes and geo shapes without a label unless asked', () => {
    const records = poster([
      noteRecord({ text: '' }),
      noteRecord({ text: '   \n  ' }),
      geoRecord({ text: '' }),
      geoRecord({ text: 'Mål', color: 'red' }),
    ])
    expect(extractNotes(records).map((n) => [n.kind, n.text, n.colour])).toEqual([['geo', 'Mål', 'red']])
    expect(extractNotes(records, { includeEmpty: true })).toHaveLength(4)
  })

  it('reads votes, author and creation time', () => {
    const records = poster([
      noteRecord({
        id: 'shape:v',
        text: 'voted',
        meta: { authorName: 'Mette', createdAt: 1_700_000_000_000 },
      }),
      noteRecord({
        id: 'shape:w',
        text: 'not voted',
        y: 500,
        meta: { createdAt: '2026-03-05T09:30:00.000Z' },
      }),
    ])
    const notes = extractNotes(records, { votes: new Map([['shape:v', 3]]) })
    expect(notes.map((n) => [n.text, n.votes, n.authorName, n.createdAt])).toEqual([
      ['voted', 3, 'Mette', '2023-11-14T22:13:20.000Z'],
      ['not voted', 0, null, '2026-03-05T09:30:00.000Z'],
    ])
  })

  it("falls back to tldraw's attribution for the author", () => {
    const note = noteRecord({ id: 'shape:a', text: 'attributed' })
    ;(note.props as Record<string, unknown>).textLastEditedBy = 'user:kim'
    const records = [
      ...poster([note]).values(),
      { id: 'user:kim', typeName: 'user', name: 'Kim', color: '#f00', imageUrl: '', meta: {} },
    ]
    expect(extractNotes(records)[0].authorName).toBe('Kim')
  })

  it('orders frames and notes in reading order', () => {
    const records = poster([
      frameRecord({ id: 'shape:r', name: 'Right', x: 900, y: 0, w: 800, h: 600 }),
      frameRecord({ id: 'shape:l', name: 'Left', x: 0, y: 0, w: 800, h: 600 }),
      frameRecord({ id: 'shape:d', name: 'Below', x: 0, y: 700, w: 800, h: 600 }),
      noteRecord({ text: 'second', parentId: 'shape:l', x: 300, y: 60 }),
      noteRecord({ text: 'third', parentId: 'shape:l', x: 10, y: 300 }),
      noteRecord({ text: 'first', parentId: 'shape:l', x: 10, y: 70 }),
    ])
    const { frames, notes } = extractPoster(records)
    expect(frames.map((f) => f.name)).toEqual(['Left', 'Right', 'Below'])
    expect(notes.map((n) => n.text)).toEqual(['first', 'second', 'third'])
  })

  it('reads a poster seeded from a template: question frames, not the template texts', () => {
    const seeded = templateRecords('questions', ['Hvad virker?', 'Hvad mangler?'], 'da')
    const frames = seeded.filter((r) => r.type === 'frame')
    const records = poster([
      ...seeded.filter((r) => r.typeName === 'shape'),
      noteRecord({ text: 'Gode møder', parentId: frames[1].id, x: 40, y: 200 }),
      noteRecord({ text: 'Overblik', parentId: frames[0].id, x: 40, y: 200 }),
    ])
    const { frames: found, notes } = extractPoster(records)
    expect(found.map((f) => [f.name, f.questionIndex])).toEqual([
      ['1. Hvad virker?', 0],
      ['2. Hvad mangler?', 1],
    ])
    expect(notes.map((n) => [n.questionIndex, n.text])).toEqual([
      [0, 'Overblik'],
      [1, 'Gode møder'],
    ])
  })
})
