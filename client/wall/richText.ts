/**
 * Plain text of tldraw rich text (a TipTap document: nested nodes with `content`, text in
 * `text` nodes, paragraphs and hard breaks becoming new lines).
 */
import type { JsonValue } from '../../shared/docLayout'

/** The plain text of a rich-text value; anything unexpected yields ''. */
export function richTextToPlain(value: JsonValue | undefined): string {
  if (typeof value === 'string') return value
  if (!value || typeof value !== 'object' || Array.isArray(value)) return ''
  const lines: string[] = []
  const walk = (node: JsonValue, into: string[]): void => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return
    if (node.type === 'text' && typeof node.text === 'string') into.push(node.text)
    else if (node.type === 'hardBreak') into.push('\n')
    if (Array.isArray(node.content)) {
      for (const child of node.content) {
        if (child && typeof child === 'object' && !Array.isArray(child) && child.type === 'paragraph') {
          const parts: string[] = []
          walk(child, parts)
          lines.push(parts.join(''))
        } else walk(child, into)
      }
    }
  }
  const top: string[] = []
  walk(value, top)
  if (top.length) lines.unshift(top.join(''))
  return lines.join('\n').trim()
}
