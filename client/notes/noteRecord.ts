/**
 * Builds tldraw note shape records without loading tldraw, so the notes-only phone page stays
 * small. The defaults mirror tldraw's note shape; `noteRecord.test.ts` checks every record
 * against the poster schema so a drift in tldraw's validators is caught.
 */

import type { JsonRecord, JsonValue } from '../../shared/docLayout'
import { noteProps } from '../../shared/noteProps'

import { NOTE_SIZE } from '../../shared/questionFrames'
import { plainTextToRichText } from '../../shared/richText'

export { NOTE_SIZE }

/** Who wrote a note, kept in the shape's `meta` so the notes page knows which notes are mine. */
export interface NoteAuthor {
  authorId: string
  authorName: string
}

export { indexAbove } from '../../shared/questionFrames'

/** Rough extra height a note needs for its text, so long notes do not spill out of the sticky. */
export function estimateGrowY(text: string): number {
  const charsPerLine = 16
  const lines = text
    .split('\n')
    .reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / charsPerLine)), 0)
  const needed = lines * 30 + 40
  return Math.max(0, needed - NOTE_SIZE)
}

/** Everything needed to place a new note. */
export interface NewNote {
  id: string
  parentId: string
  x: number
  y: number
  index: string
  text: string
  author: NoteAuthor
  color?: string
}

/** A note shape record, valid for the poster schema, with tldraw's default note props. */
export function makeNoteRecord(note: NewNote): JsonRecord {
  return {
    id: note.id,
    typeName: 'shape',
    type: 'note',
    x: note.x,
    y: note.y,
    rotation: 0,
    index: note.index,
    parentId: note.parentId,
    isLocked: false,
    opacity: 1,
    meta: {
      authorId: note.author.authorId,
      authorName: note.author.authorName,
      createdAt: new Date().toISOString(),
    },
    // tldraw's default note colour ("black" paints the classic pale-yellow sticky), so notes
    // from phones look like the ones made on the canvas.
    props: noteProps(plainTextToRichText(note.text) as unknown as JsonValue, {
      color: note.color ?? 'black',
      growY: estimateGrowY(note.text),
    }),
  }
}

/** A new random shape id (`shape:` + 21 url-safe characters, like tldraw's own). */
export function newShapeId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(21))
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'
  return `shape:${Array.from(bytes, (b) => alphabet[b & 63]).join('')}`
}
