/**
 * Builders of valid tldraw shape records (frames, notes, text, geo) for tests, benchmarks and
 * end-to-end setup. Every record passes `validatePosterRecord`.
 */

import type { JsonRecord, JsonValue } from '../docLayout'
import { noteProps } from '../noteProps'
import { POSTER_PAGE_ID } from '../posterSchema'
import { plainTextToRichText, type RichTextNode } from '../richText'

let counter = 0

/** A fresh shape id. */
export function shapeId(prefix = 'fx'): string {
  counter++
  return `shape:${prefix}${counter.toString(36)}${Math.random().toString(36).slice(2, 8)}`
}

interface Base {
  id?: string
  x?: number
  y?: number
  rotation?: number
  parentId?: string
  index?: string
  meta?: Record<string, JsonValue>
}

function base(type: string, b: Base): JsonRecord {
  return {
    id: b.id ?? shapeId(type),
    typeName: 'shape',
    type,
    x: b.x ?? 0,
    y: b.y ?? 0,
    rotation: b.rotation ?? 0,
    index: b.index ?? 'a1',
    parentId: b.parentId ?? POSTER_PAGE_ID,
    isLocked: false,
    opacity: 1,
    meta: b.meta ?? {},
  }
}

function richTextOf(text: string | RichTextNode): JsonValue {
  return (typeof text === 'string' ? plainTextToRichText(text) : text) as unknown as JsonValue
}

/** A frame (question area). */
export function frameRecord(b: Base & { name: string; w: number; h: number }): JsonRecord {
  return { ...base('frame', b), props: { w: b.w, h: b.h, name: b.name, color: 'black' } }
}

/** A sticky note. */
export function noteRecord(
  b: Base & { text: string | RichTextNode; color?: string; scale?: number },
): JsonRecord {
  return {
    ...base('note', b),
    props: noteProps(richTextOf(b.text), { color: b.color ?? 'yellow', scale: b.scale ?? 1 }),
  }
}

/** A text shape. */
export function textRecord(
  b: Base & { text: string | RichTextNode; w?: number; color?: string },
): JsonRecord {
  return {
    ...base('text', b),
    props: {
      color: b.color ?? 'black',
      size: 'm',
      font: 'draw',
      textAlign: 'start',
      w: b.w ?? 200,
      richText: richTextOf(b.text),
      scale: 1,
      autoSize: true,
    },
  }
}

/** A geo shape (rectangle by default) with a label. */
export function geoRecord(
  b: Base & { text: string | RichTextNode; w?: number; h?: number; color?: string },
): JsonRecord {
  return {
    ...base('geo', b),
    props: {
      geo: 'rectangle',
      dash: 'draw',
      url: '',
      w: b.w ?? 160,
      h: b.h ?? 100,
      growY: 0,
      scale: 1,
      flipX: false,
      flipY: false,
      labelColor: 'black',
      color: b.color ?? 'black',
      fill: 'none',
      size: 'm',
      font: 'draw',
      align: 'middle',
      verticalAlign: 'middle',
      richText: richTextOf(b.text),
    },
  }
}
