/**
 * Notes drawn on the canvas get their author in `meta.authorId/authorName`, like notes added
 * in the notes-only mode, so that mode lets the author edit and delete them and exports name
 * who wrote them.
 */
import type { TLRecord, TLShape } from '@tldraw/tlschema'
import type { NoteAuthor } from '../notes/noteRecord'

/** The part of tldraw's store side effects this module uses (`editor.sideEffects`). */
export interface ShapeSideEffects {
  registerBeforeCreateHandler(
    typeName: 'shape',
    handler: (shape: TLShape, source: 'remote' | 'user') => TLShape,
  ): () => void
}

/** The record with `author` in its meta when it is a note nobody is named on yet; else unchanged. */
export function withNoteAuthor<T extends TLRecord>(record: T, author: NoteAuthor): T {
  if (record.typeName !== 'shape' || record.type !== 'note') return record
  // A note that already names someone (a duplicate, an undone delete) keeps its author.
  if (typeof record.meta.authorId === 'string' && record.meta.authorId !== '') return record
  const createdAt =
    typeof record.meta.createdAt === 'string' ? record.meta.createdAt : new Date().toISOString()
  return {
    ...record,
    meta: { ...record.meta, authorId: author.authorId, authorName: author.authorName, createdAt },
  }
}

/**
 * Names `author` on every note created on this device from now on; notes arriving from other
 * devices are left alone. Returns the function that stops it.
 */
export function authorCanvasNotes(sideEffects: ShapeSideEffects, author: NoteAuthor): () => void {
  return sideEffects.registerBeforeCreateHandler('shape', (shape, source) =>
    source === 'user' ? withNoteAuthor(shape, author) : shape,
  )
}
