import { toRichText } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { validatePosterRecord } from '../../shared/posterSchema'
import { plainTextToRichText, richTextToPlainText } from '../../shared/richText'
import { indexAbove, makeNoteRecord, newShapeId } from './noteRecord'

const author = { authorId: 'p1', authorName: 'Mette' }

describe('makeNoteRecord', () => {
  it('builds notes the poster schema accepts', () => {
    const record = makeNoteRecord({
      id: newShapeId(),
      parentId: 'shape:frame1',
      x: 20,
      y: 20,
      index: 'a1',
      text: 'Borgerne kender ikke vores tilbud\nOg det er et problem',
      author,
    })
    expect(validatePosterRecord(record)).toBeNull()
    expect(record.meta).toEqual({ authorId: 'p1', authorName: 'Mette', createdAt: expect.any(String) })
    expect(Date.parse(String((record.meta as { createdAt?: unknown }).createdAt))).not.toBeNaN()
  })

  it('stores text the way tldraw does', () => {
    for (const text of ['Hej', 'to\nlinjer', 'tom\n\nlinje']) {
      expect(plainTextToRichText(text)).toEqual(toRichText(text))
      expect(richTextToPlainText(plainTextToRichText(text))).toBe(text)
    }
  })

  it('reads text written on the canvas, including hard breaks and lists', () => {
    const doc = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'a' }, { type: 'hardBreak' }, { type: 'text', text: 'b' }],
        },
        {
          type: 'bulletList',
          content: [
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'c' }] }] },
          ],
        },
      ],
    }
    // As the wall, the projector and the exports show it: list items keep their marker.
    expect(richTextToPlainText(doc)).toBe('a\nb\n- c')
  })
})

describe('indexAbove', () => {
  it('always sorts above the given index and stays valid', () => {
    let index: string | null = null
    const seen: string[] = []
    for (let i = 0; i < 80; i++) {
      const next = indexAbove(index)
      if (index) expect(next > index).toBe(true)
      const rec = makeNoteRecord({
        id: newShapeId(),
        parentId: 'shape:f',
        x: 0,
        y: 0,
        index: next,
        text: 'x',
        author,
      })
      expect(validatePosterRecord(rec)).toBeNull()
      seen.push(next)
      index = next
    }
    expect(new Set(seen).size).toBe(80)
    expect(indexAbove('a0V')).toBe('a1')
  })
})
