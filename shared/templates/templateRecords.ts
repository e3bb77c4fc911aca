/**
 * Poster templates as tldraw records. The server seeds every new poster with these (never a
 * client), so all tables of a round start from the same, deterministic records: ids are fixed
 * per template slot, which also makes two seeds of the same poster merge into one.
 *
 * Frames are locked so nobody drags a question away by accident; notes lie on the page over
 * them and belong to the frame under their centre (shared/questionFrames.ts), which is how
 * exports group notes by question (`meta.questionIndex`).
 */
import { createShapeId, toRichText } from '@tldraw/tlschema'
import { getIndexAbove, type IndexKey } from '@tldraw/utils'
import type { Language, TemplateName } from '../api'
import type { JsonRecord, JsonValue } from '../docLayout'
import { blankPosterRecords, POSTER_PAGE_ID } from '../posterSchema'
import { questionLabel } from '../questionLabels'
import { templateLabels } from './templateLabels'

const GAP = 80
const TEXT_WIDTH_PER_COLUMN = 640

/** Labels question `i` of the round (`questionLabel`). */
type Label = (i: number, question: string) => string

interface Box {
  x: number
  y: number
  w: number
  h: number
}

/** Builds records with increasing fractional indices in creation order. */
class RecordBuilder {
  readonly records: JsonRecord[]
  private index: IndexKey | null = null

  constructor(pageName: string) {
    this.records = blankPosterRecords(pageName)
  }

  private nextIndex(): string {
    this.index = getIndexAbove(this.index)
    return this.index
  }

  frame(slot: string, box: Box, name: string, meta: Record<string, JsonValue> = {}): string {
    const id = createShapeId(slot)
    this.records.push({
      id,
      typeName: 'shape',
      type: 'frame',
      x: box.x,
      y: box.y,
      rotation: 0,
      index: this.nextIndex(),
      parentId: POSTER_PAGE_ID,
      isLocked: true,
      opacity: 1,
      props: { w: box.w, h: box.h, name, color: 'black' },
      meta,
    })
    return id
  }

  text(
    slot: string,
    x: number,
    y: number,
    w: number,
    content: string,
    parentId = POSTER_PAGE_ID,
    size = 'm',
  ): void {
    this.records.push({
      id: createShapeId(slot),
      typeName: 'shape',
      type: 'text',
      x,
      y,
      rotation: 0,
      index: this.nextIndex(),
      parentId,
      isLocked: true,
      opacity: 1,
      props: {
        color: 'black',
        size,
        font: 'sans',
        textAlign: 'start',
        w,
        richText: toRichText(content) as unknown as JsonValue,
        scale: 1,
        autoSize: false,
      },
      meta: {},
    })
  }
}

/** The questions as a numbered, locked text block above the poster's frames. Returns its height. */
function questionList(b: RecordBuilder, questions: string[], width: number, label: Label): number {
  if (questions.length === 0) return 0
  const lines = questions.map((q, i) => label(i, q))
  b.text('questions', 0, 0, width, lines.join('\n'), POSTER_PAGE_ID, 'l')
  // Rough height of the block so the frames below do not overlap it.
  const wrapped = lines.reduce((n, line) => n + Math.max(1, Math.ceil((line.length * 22) / width)), 0)
  return wrapped * 48 + GAP
}

function questionsTemplate(b: RecordBuilder, questions: string[], label: Label): void {
  const n = Math.max(questions.length, 1)
  const columns = n <= 2 ? n : n <= 4 ? 2 : 3
  const w = 1000
  const h = 760
  const prompts = questions.length > 0 ? questions : ['']
  prompts.forEach((q, i) => {
    const col = i % columns
    const row = Math.floor(i / columns)
    const box = { x: col * (w + GAP), y: row * (h + GAP), w, h }
    const frameId = b.frame(`question-${i + 1}`, box, q ? label(i, q) : '', { questionIndex: i })
    // The frame heading is one line and gets cut off; the text inside shows the whole question.
    if (q) b.text(`question-${i + 1}-text`, 24, 24, w - 48, q, frameId, 'l')
  })
}

function asIsToBeTemplate(b: RecordBuilder, questions: string[], language: Language, label: Label): void {
  const labels = templateLabels[language]
  const w = 1400
  const top = questionList(b, questions, w * 2 + GAP, label)
  b.frame('as-is', { x: 0, y: top, w, h: 1200 }, labels.asIs, { column: 'as-is' })
  b.frame('to-be', { x: w + GAP, y: top, w, h: 1200 }, labels.toBe, { column: 'to-be' })
}

function collaborationPlanTemplate(
  b: RecordBuilder,
  questions: string[],
  language: Language,
  label: Label,
): void {
  const columns = templateLabels[language].collaborationColumns
  const w = 520
  const top = questionList(
    b,
    questions,
    Math.max(columns.length * (w + GAP) - GAP, TEXT_WIDTH_PER_COLUMN),
    label,
  )
  columns.forEach((name, i) => {
    b.frame(`plan-${i + 1}`, { x: i * (w + GAP), y: top, w, h: 1600 }, name, { column: i })
  })
}

function staircaseTemplate(b: RecordBuilder, questions: string[], language: Language, label: Label): void {
  const labels = templateLabels[language]
  const steps = 5
  const w = 560
  const rise = 260
  const top = questionList(b, questions, steps * (w + GAP / 2), label)
  for (let i = 0; i < steps; i++) {
    // Each step is higher than the one before it, like the maturity staircase drawn on paper.
    const h = 500 + i * rise
    b.frame(
      `step-${i + 1}`,
      { x: i * (w + GAP / 2), y: top + (steps - 1 - i) * rise, w, h },
      labels.step(i + 1),
      {
        step: i + 1,
      },
    )
  }
}

/**
 * The records of a new poster: the document, its page and the template's locked frames titled
 * with the round's questions, in the workshop's language. `roundTitle`, for a round whose
 * frames are added onto an earlier poster, goes before each question's number
 * (`questionLabel`).
 */
export function templateRecords(
  template: TemplateName,
  questions: string[],
  language: Language,
  roundTitle?: string,
): JsonRecord[] {
  const label: Label = (i, q) => questionLabel(i, q, roundTitle)
  const b = new RecordBuilder(language === 'da' ? 'Plakat' : 'Poster')
  switch (template) {
    case 'questions':
      questionsTemplate(b, questions, label)
      break
    case 'asis-tobe':
      asIsToBeTemplate(b, questions, language, label)
      break
    case 'collaboration-plan':
      collaborationPlanTemplate(b, questions, language, label)
      break
    case 'staircase':
      staircaseTemplate(b, questions, language, label)
      break
    case 'blank':
      if (questions.length > 0) questionList(b, questions, 1600, label)
      break
  }
  return b.records
}
