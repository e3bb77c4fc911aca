/**
 * Plain text from tldraw rich text (ProseMirror/TipTap JSON), for reports, CSV and search.
 * Runs without an editor or DOM, so the server and tests can read posters too.
 */

/** A ProseMirror JSON node as stored in a shape's `richText` prop. */
export interface RichTextNode {
  type?: string
  text?: string
  attrs?: Record<string, unknown>
  content?: RichTextNode[]
}

const BLOCKS_WITH_CHILD_BLOCKS = new Set(['doc', 'blockquote', 'listItem', 'taskItem'])

function inlineText(node: RichTextNode): string {
  if (node.type === 'text') return typeof node.text === 'string' ? node.text : ''
  if (node.type === 'hardBreak') return '\n'
  if (!Array.isArray(node.content)) return ''
  return node.content.map(inlineText).join('')
}

function listLines(list: RichTextNode, depth: number, ordered: boolean): string[] {
  const lines: string[] = []
  const start = Number(list.attrs?.start ?? 1)
  let n = Number.isFinite(start) ? start : 1
  for (const item of list.content ?? []) {
    const marker = ordered ? `${n++}. ` : '- '
    const indent = '  '.repeat(depth)
    const itemLines = blockLines(item, depth + 1)
    if (itemLines.length === 0) itemLines.push('')
    // The first line carries the marker; continuation lines line up under the item's text.
    lines.push(`${indent}${marker}${itemLines[0].trimStart()}`)
    for (const rest of itemLines.slice(1)) {
      lines.push(rest.startsWith(indent) ? rest : `${indent}${' '.repeat(marker.length)}${rest}`)
    }
  }
  return lines
}

function blockLines(node: RichTextNode, depth: number): string[] {
  switch (node.type) {
    case 'bulletList':
    case 'taskList':
      return listLines(node, depth, false)
    case 'orderedList':
      return listLines(node, depth, true)
    case 'text':
    case 'hardBreak':
      return inlineText(node).split('\n')
    default:
      break
  }
  if (node.type && BLOCKS_WITH_CHILD_BLOCKS.has(node.type)) {
    return (node.content ?? []).flatMap((child) => blockLines(child, depth))
  }
  // paragraph, heading, codeBlock and unknown blocks: their inline content as lines.
  return inlineText(node).split('\n')
}

/**
 * Converts rich text to plain text: one line per paragraph, `- ` / `1. ` for list items
 * (nested lists indented by two spaces), hard breaks as newlines. Leading and trailing blank
 * lines are dropped; a missing or malformed value gives ''.
 */
export function richTextToPlainText(richText: unknown): string {
  if (typeof richText === 'string') return richText.trim()
  if (!richText || typeof richText !== 'object') return ''
  const lines = blockLines(richText as RichTextNode, 0).map((line) => line.replace(/\s+$/, ''))
  while (lines.length && lines[0].trim() === '') lines.shift()
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop()
  return lines.join('\n')
}

/** Builds rich text of plain paragraphs from text with newlines (for seeding and tests). */
export function plainTextToRichText(text: string): RichTextNode {
  return {
    type: 'doc',
    content: text
      .split('\n')
      .map((line) =>
        line ? { type: 'paragraph', content: [{ type: 'text', text: line }] } : { type: 'paragraph' },
      ),
  }
}
