/** Sticky-note records valid under the poster schema, for tests that edit posters like a client. */

import type { JsonRecord } from '../../shared/docLayout.js'
import { noteProps } from '../../shared/noteProps.js'
import { POSTER_PAGE_ID } from '../../shared/posterSchema.js'

/** A yellow sticky note `shape:<id>` with one line of text, laid out on a grid by `index`. */
export function testNote(id: string, index: number, text: string): JsonRecord {
  return {
    id: `shape:${id}`,
    typeName: 'shape',
    type: 'note',
    x: (index % 10) * 240,
    y: Math.floor(index / 10) * 240,
    rotation: 0,
    index: indexKey(index + 10),
    parentId: POSTER_PAGE_ID,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: noteProps({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }),
  }
}

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** The n-th integer fractional-index key in tldraw's format: a0…az, then b00…bzz. */
export function indexKey(n: number): string {
  if (n < 62) return `a${DIGITS[n]}`
  const m = n - 62
  if (m >= 62 * 62) throw new RangeError(`index ${n} is beyond the test range`)
  return `b${DIGITS[Math.floor(m / 62)]}${DIGITS[m % 62]}`
}
