/**
 * The records of a poster that starts from another round's poster (homework) while its round
 * asks questions of its own: the copied poster plus the round's own template frames, placed
 * above the copied content so nothing overlaps and the new questions come first in reading
 * order. The copied frames keep their names but no longer count as this round's questions; the
 * round's own frames are labelled with its title ("Hjemmearbejde: 1. …"), so the poster and the
 * notes-only page never show two questions numbered "1.".
 */
import type { Language, TemplateName } from '../../shared/api'
import type { JsonRecord } from '../../shared/docLayout'
import { indexAbove, maxChildIndex } from '../../shared/questionFrames'
import { addsOwnQuestions } from '../../shared/questionLabels'
import { templateRecords } from '../../shared/templates/templateRecords'

/** What the seed needs to know about the round. */
export interface HomeworkRound {
  id: string
  /** Goes before the numbers of the round's own questions, told apart from the copied ones. */
  title: string
  template: TemplateName
  questions: string[]
}

const GAP = 160
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0)

/** Page bounds of the top-level shapes of `pageId` (frames by their size, others as points). */
function topLevelBounds(records: JsonRecord[], pageId: string): { x: number; y: number } | null {
  const top = records.filter((r) => r.typeName === 'shape' && r.parentId === pageId)
  if (top.length === 0) return null
  return { x: Math.min(...top.map((r) => num(r.x))), y: Math.min(...top.map((r) => num(r.y))) }
}

/**
 * `source` (the copied poster's records) with the round's own frames added. Returns `source`
 * unchanged when the round has no questions or asks the same ones as the copied poster.
 */
export function homeworkRecords(
  source: JsonRecord[],
  round: HomeworkRound,
  sourceQuestions: string[],
  language: Language,
): JsonRecord[] {
  if (!addsOwnQuestions(round.questions, sourceQuestions)) return source
  const page = source.find((r) => r.typeName === 'page')
  if (!page) return source
  const pageId = page.id
  const template = templateRecords(round.template, round.questions, language, round.title).filter(
    (r) => r.typeName === 'shape',
  )
  // Ids of this round's own slots, so they never clash with the copied round's `question-1`.
  const rename = (id: string) => `shape:${round.id}-${id.slice('shape:'.length)}`
  const ids = new Set(template.map((r) => r.id))
  const topOfTemplate = template.filter((r) => r.parentId === pageId || !ids.has(String(r.parentId)))
  const height = Math.max(
    ...topOfTemplate.map((r) => num(r.y) + num((r.props as Record<string, unknown>)?.h)),
  )
  const at = topLevelBounds(source, pageId) ?? { x: 0, y: height + GAP }
  let index = maxChildIndex(source, pageId)
  const added = template.map((r) => {
    const nested = ids.has(String(r.parentId))
    if (nested) return { ...r, id: rename(r.id), parentId: rename(String(r.parentId)) }
    index = indexAbove(index)
    return {
      ...r,
      id: rename(r.id),
      parentId: pageId,
      x: at.x + num(r.x),
      y: at.y - GAP - height + num(r.y),
      index,
    }
  })
  const copied = source.map((r) => {
    const meta = r.meta as Record<string, unknown> | undefined
    if (r.type !== 'frame' || !meta || !('questionIndex' in meta)) return r
    const { questionIndex: _dropped, ...rest } = meta
    return { ...r, meta: rest } as JsonRecord
  })
  return [...copied, ...added]
}
