/**
 * One poster's records made from several earlier posters, side by side: what a follow-up
 * workshop's table starts from when regrouping put two old groups at one new table. The first
 * poster keeps its ids and place; each further one is renamed (so two `shape:question-1`
 * frames never collide), moved onto the first poster's page and to the right of everything
 * before it, and drawn above it.
 */
import type { JsonRecord, JsonValue } from '../../shared/docLayout'
import { indexAbove, maxChildIndex, shapeBox } from '../../shared/questionFrames'

/** Space between two merged posters, in page units. */
const GAP = 240

/** Record kinds whose ids are renamed in every poster after the first. */
const RENAMED = new Set(['shape', 'binding', 'asset'])

/** The right edge of the top-level shapes of `pageId`, or null when the page is empty. */
function rightEdge(records: readonly JsonRecord[], pageId: string): number | null {
  let edge: number | null = null
  for (const r of records) {
    if (r.typeName !== 'shape' || r.parentId !== pageId) continue
    const box = shapeBox(r) ?? { x: Number(r.x) || 0, w: 0 }
    edge = Math.max(edge ?? Number.NEGATIVE_INFINITY, box.x + box.w)
  }
  return edge
}

function leftEdge(records: readonly JsonRecord[], pageId: string): number {
  const xs = records
    .filter((r) => r.typeName === 'shape' && r.parentId === pageId)
    .map((r) => Number(r.x) || 0)
  return xs.length > 0 ? Math.min(...xs) : 0
}

/** Replaces every string equal to a renamed id, anywhere in a value. */
function renameIn(value: JsonValue, names: ReadonlyMap<string, string>): JsonValue {
  if (typeof value === 'string') return names.get(value) ?? value
  if (Array.isArray(value)) return value.map((v) => renameIn(v, names))
  if (value && typeof value === 'object') {
    const out: Record<string, JsonValue> = {}
    for (const [k, v] of Object.entries(value)) out[k] = renameIn(v as JsonValue, names)
    return out
  }
  return value
}

/** The records of `posters` laid out side by side on the first poster's page. */
export function mergePosterRecords(posters: readonly JsonRecord[][]): JsonRecord[] {
  const nonEmpty = posters.filter((p) => p.some((r) => r.typeName === 'page'))
  if (nonEmpty.length === 0) return []
  const merged = [...nonEmpty[0]]
  const pageId = String(merged.find((r) => r.typeName === 'page')?.id)
  nonEmpty.slice(1).forEach((records, i) => {
    const sourcePage = String(records.find((r) => r.typeName === 'page')?.id)
    const names = new Map<string, string>([[sourcePage, pageId]])
    for (const r of records) {
      if (!RENAMED.has(String(r.typeName))) continue
      names.set(String(r.id), `${r.id}_${i + 2}`)
    }
    const dx = (rightEdge(merged, pageId) ?? 0) + GAP - leftEdge(records, sourcePage)
    let index = maxChildIndex(merged, pageId)
    const topLevel = records
      .filter((r) => r.typeName === 'shape' && r.parentId === sourcePage)
      .sort((a, b) => (String(a.index) < String(b.index) ? -1 : 1))
    const newIndex = new Map<string, string>()
    for (const r of topLevel) {
      index = indexAbove(index)
      newIndex.set(String(r.id), index)
    }
    for (const r of records) {
      if (!RENAMED.has(String(r.typeName))) continue
      const renamed = renameIn(r as JsonValue, names) as JsonRecord
      const top = newIndex.get(String(r.id))
      merged.push(top ? { ...renamed, x: (Number(r.x) || 0) + dx, index: top } : renamed)
    }
  })
  return merged
}
