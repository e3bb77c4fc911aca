/**
 * The workshop report as a PDF, built with pdf-lib wherever it runs (the organizer's browser,
 * or Node in tests): a cover with title, date, place, rounds and questions; one landscape page
 * per poster per round with the poster drawn as vector shapes and text; then every note's text
 * per round and question, grouped by table, with its votes. A font with Danish letters is
 * embedded (subset). The work pauses for the event loop every few milliseconds, so a page
 * building a report of thirty posters keeps responding and can show progress.
 */
import fontkit from '@pdf-lib/fontkit'
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib'
import type { Language } from '../../shared/api'
import { exportLabels, type GroupRound, groupByQuestion } from '../../shared/noteGroups'
import type { ConclusionTheme } from '../../shared/synthesisApi'
import type { PosterScene } from '../render/posterScene'
import { drawPosterScene } from './pdfPoster'
import { finishPage, lineWidth, showLine, timeSlicer, wrapLines, yieldToEventLoop } from './pdfText'

export { wrapLines } from './pdfText'

/** A note as the report prints it. */
export interface ReportNote {
  roundId: string
  tableName: string
  question: string | null
  questionIndex: number | null
  text: string
  votes: number
}

/** A poster page of the report. */
export interface ReportPoster {
  roundId: string
  tableName: string
  /** The poster's scene (see `buildPosterScene`); null when it cannot be read (the page then says so). */
  scene: () => Promise<PosterScene | null>
}

/** Everything the report prints. */
export interface ReportInput {
  title: string
  date: string
  place: string
  language: Language
  rounds: GroupRound[]
  posters: ReportPoster[]
  notes: ReportNote[]
  /** Accepted themes of the rounds' syntheses, printed as "Konklusioner / Conclusions" before the posters. */
  conclusions?: ConclusionTheme[]
  /** Regular and bold TrueType fonts covering æøå. */
  fonts: { regular: Uint8Array; bold: Uint8Array }
  /** Called after each step with steps done and total. */
  onProgress?: (done: number, total: number) => void
  /** Time stamp printed on the cover. */
  now?: Date
}

const LANDSCAPE: [number, number] = [841.89, 595.28]
const PORTRAIT: [number, number] = [595.28, 841.89]
const MARGIN = 40
const INK = rgb(0.1, 0.1, 0.12)
const MUTED = rgb(0.4, 0.4, 0.45)

const words = {
  da: {
    rounds: 'Runder og spørgsmål',
    tables: 'Borde',
    posters: 'Plakater',
    notes: 'Noter',
    unavailable: 'Plakaten kunne ikke tegnes.',
    page: 'Side',
    created: 'Rapport dannet',
    round: 'Runde',
    conclusions: 'Konklusioner',
  },
  en: {
    rounds: 'Rounds and questions',
    tables: 'Tables',
    posters: 'Posters',
    notes: 'Notes',
    unavailable: 'The poster could not be drawn.',
    page: 'Page',
    created: 'Report created',
    round: 'Round',
    conclusions: 'Conclusions',
  },
} as const

/** Writes flowing text onto portrait pages, starting new pages as they fill. */
class TextFlow {
  private page: PDFPage | null = null
  private y = 0

  constructor(
    private readonly pdf: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
  ) {}

  private ensure(height: number): PDFPage {
    if (!this.page || this.y - height < MARGIN) {
      this.page = this.pdf.addPage(PORTRAIT)
      this.y = PORTRAIT[1] - MARGIN
    }
    return this.page
  }

  /** Starts the next block on a fresh page. */
  newPage(): void {
    this.page = null
  }

  /** Writes a paragraph; `keepWith` reserves room so a heading is not left alone at a page end. */
  write(
    text: string,
    opts: {
      size?: number
      bold?: boolean
      indent?: number
      gap?: number
      colour?: typeof INK
      keepWith?: number
    } = {},
  ): void {
    const size = opts.size ?? 10
    const font = opts.bold ? this.bold : this.font
    const indent = opts.indent ?? 0
    const lead = size * 1.3
    const lines = wrapLines(text, font, size, PORTRAIT[0] - MARGIN * 2 - indent)
    this.ensure(lead * Math.min(lines.length, 2) + (opts.keepWith ?? 0))
    for (const line of lines) {
      const page = this.ensure(lead)
      this.y -= lead
      showLine(page, font, line, {
        x: MARGIN + indent,
        y: this.y + size * 0.25,
        size,
        colour: opts.colour ?? INK,
      })
    }
    this.y -= opts.gap ?? 2
  }
}

function centred(page: PDFPage, text: string, font: PDFFont, size: number, y: number, colour = INK): void {
  const width = lineWidth(font, text, size)
  showLine(page, font, text, { x: (page.getWidth() - width) / 2, y, size, colour })
}

/** Builds the report. */
export async function buildReportPdf(input: ReportInput): Promise<Uint8Array> {
  const w = words[input.language]
  const labels = exportLabels[input.language]
  const pdf = await PDFDocument.create()
  pdf.registerFontkit(fontkit)
  pdf.setTitle(input.title)
  pdf.setLanguage(input.language === 'da' ? 'da-DK' : 'en-GB')
  pdf.setCreator('Plenum')
  const font = await pdf.embedFont(input.fonts.regular, { subset: true })
  const bold = await pdf.embedFont(input.fonts.bold, { subset: true })
  const total = input.posters.length + 2
  let done = 0
  const pause = timeSlicer()
  const step = async () => {
    input.onProgress?.(++done, total)
    // Always let the page paint the progress.
    await yieldToEventLoop()
  }

  // Cover.
  const cover = new TextFlow(pdf, font, bold)
  cover.write(input.title, { size: 26, bold: true, gap: 8 })
  cover.write([input.date, input.place].filter(Boolean).join(' · '), { size: 14, colour: MUTED, gap: 18 })
  cover.write(w.rounds, { size: 15, bold: true, gap: 6 })
  for (const round of [...input.rounds].sort((a, b) => a.index - b.index)) {
    cover.write(`${w.round} ${round.index + 1}: ${round.title}`, { size: 12, bold: true, keepWith: 14 })
    for (const [i, q] of round.questions.entries()) cover.write(`${i + 1}. ${q}`, { size: 11, indent: 14 })
    cover.write('', { gap: 6 })
  }
  const tableNames = [...new Set(input.posters.map((p) => p.tableName))]
  if (tableNames.length) {
    cover.write(w.tables, { size: 15, bold: true, gap: 6 })
    cover.write(tableNames.join(', '), { size: 11, gap: 18 })
  }
  cover.write(`${w.created} ${(input.now ?? new Date()).toISOString().slice(0, 16).replace('T', ' ')} UTC`, {
    size: 9,
    colour: MUTED,
  })
  await step()

  // The room's conclusions: each round's accepted themes, most voted first, with their notes' tables.
  const conclusions = input.conclusions ?? []
  if (conclusions.length > 0) {
    const flow = new TextFlow(pdf, font, bold)
    flow.write(w.conclusions, { size: 22, bold: true, gap: 10 })
    for (const round of [...input.rounds].sort((a, b) => a.index - b.index)) {
      const themes = conclusions.filter((c) => c.roundId === round.id)
      if (themes.length === 0) continue
      flow.write(`${w.round} ${round.index + 1}: ${round.title}`, {
        size: 14,
        bold: true,
        gap: 6,
        keepWith: 30,
      })
      for (const theme of themes) {
        const dots = theme.votes > 0 ? `  (${labels.votes(theme.votes)})` : ''
        flow.write(`${theme.label}${dots}`, { size: 12, bold: true, indent: 8, gap: 3, keepWith: 14 })
        for (const note of theme.notes) {
          const origin = [note.tableName, note.authorName].filter(Boolean).join(', ')
          flow.write(`•  ${note.text}${origin ? `  — ${origin}` : ''}`, { size: 10, indent: 20, gap: 2 })
        }
        flow.write('', { gap: 6 })
      }
    }
  }

  // One landscape page per poster.
  const roundById = new Map(input.rounds.map((r) => [r.id, r]))
  for (const poster of input.posters) {
    const page = pdf.addPage(LANDSCAPE)
    const round = roundById.get(poster.roundId)
    const heading = `${round ? `${w.round} ${round.index + 1}: ${round.title} — ` : ''}${poster.tableName}`
    showLine(page, bold, wrapLines(heading, bold, 14, LANDSCAPE[0] - MARGIN * 2)[0] ?? '', {
      x: MARGIN,
      y: LANDSCAPE[1] - MARGIN,
      size: 14,
      colour: INK,
    })
    const scene = await poster.scene().catch(() => null)
    const area = {
      x: MARGIN,
      y: MARGIN,
      width: LANDSCAPE[0] - MARGIN * 2,
      height: LANDSCAPE[1] - MARGIN * 2 - 24,
    }
    const drawn = scene ? await drawPosterScene(page, scene, area, { regular: font, bold }, pause) : false
    if (!drawn) centred(page, w.unavailable, font, 14, LANDSCAPE[1] / 2, MUTED)
    finishPage(page)
    await step()
  }

  // Every note per round and question, grouped by table.
  const flow = new TextFlow(pdf, font, bold)
  for (const { round, questions } of groupByQuestion(input.language, input.rounds, input.notes)) {
    flow.newPage()
    flow.write(`${w.notes} · ${w.round} ${round.index + 1}: ${round.title}`, {
      size: 18,
      bold: true,
      gap: 10,
    })
    for (const { question, tables } of questions) {
      flow.write(question, { size: 13, bold: true, gap: 4, keepWith: 40 })
      if (tables.length === 0) flow.write(labels.noNotes, { size: 10, colour: MUTED, indent: 10, gap: 8 })
      for (const { tableName, notes } of tables) {
        flow.write(tableName, { size: 11, bold: true, indent: 10, gap: 2, keepWith: 14 })
        for (const note of notes) {
          const votes = note.votes > 0 ? `  (${labels.votes(note.votes)})` : ''
          flow.write(`•  ${note.text}${votes}`, { size: 10, indent: 20, gap: 3 })
          await pause()
        }
        flow.write('', { gap: 4 })
      }
      flow.write('', { gap: 6 })
    }
  }
  await step()

  // Page numbers last, once the count is known.
  const pages = pdf.getPages()
  pages.forEach((page, i) => {
    const label = `${w.page} ${i + 1} / ${pages.length}`
    const size = 8
    showLine(page, font, label, {
      x: page.getWidth() - MARGIN - lineWidth(font, label, size),
      y: MARGIN / 2,
      size,
      colour: MUTED,
    })
  })
  for (const page of pages) {
    finishPage(page)
    await pause()
  }
  return pdf.save()
}
