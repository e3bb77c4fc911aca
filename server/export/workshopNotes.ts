/**
 * Every note of a workshop, round by round and table by table, with the labels the exports
 * print in the workshop's language. The CSV, the Markdown summary, the report's text pages
 * and the ZIP all read from here, so they always agree.
 */
import { colourName } from '../../shared/colourNames'
import { type CsvCell, toCsv } from '../../shared/csv'
import { posterDocName } from '../../shared/docNames'
import type { ExtractedNote } from '../../shared/extract'
import { exportLabels, groupByQuestion } from '../../shared/noteGroups'
import type { Round, Table, WorkshopAggregate } from '../domain/entities'
import type { DocumentStore } from '../storage/DocumentStore'
import { type PosterContentSnapshot, readPosterContent, type VoteReader } from './posterContent'

/** One note with where it was written. */
export interface WorkshopNoteRow extends ExtractedNote {
  roundId: string
  roundIndex: number
  roundTitle: string
  tableId: string
  tableNumber: number
  tableName: string
  posterId: string
}

/** A poster with its content, as read for an export. */
export interface ExportedPoster {
  posterId: string
  round: Round
  table: Table
  content: PosterContentSnapshot
}

/** Everything the exports need to read posters. */
export interface PosterReaderDeps {
  documents: DocumentStore
  votes: VoteReader
  initialState?: (posterId: string) => Promise<Uint8Array | null>
}

/** Reads every poster of a workshop, in round then table order. */
export async function readWorkshopPosters(
  deps: PosterReaderDeps,
  a: WorkshopAggregate,
): Promise<ExportedPoster[]> {
  const out: ExportedPoster[] = []
  const tables = [...a.tables].sort((x, y) => x.number - y.number)
  const rounds = [...a.rounds].sort((x, y) => x.index - y.index)
  for (const round of rounds) {
    for (const table of tables) {
      const poster = a.posters.find((p) => p.roundId === round.id && p.tableId === table.id)
      if (!poster) continue
      const votes = await deps.votes(a.workshop.id, poster.id)
      const initial = deps.initialState
      const content = await readPosterContent(
        deps.documents,
        posterDocName(poster.id),
        votes,
        initial ? () => initial(poster.id) : undefined,
      )
      out.push({ posterId: poster.id, round, table, content })
    }
  }
  return out
}

/** Flattens posters into note rows. */
export function noteRows(posters: ExportedPoster[]): WorkshopNoteRow[] {
  return posters.flatMap(({ posterId, round, table, content }) =>
    content.text.map((note) => ({
      ...note,
      roundId: round.id,
      roundIndex: round.index,
      roundTitle: round.title,
      tableId: table.id,
      tableNumber: table.number,
      tableName: table.name,
      posterId,
    })),
  )
}

/**
 * The CSV of every note, colours named in the workshop's language; author names are left blank
 * when the workshop has anonymous notes. `themes` gives the synthesis theme a note was gathered
 * into, keyed `posterId/noteId`.
 */
export function notesCsv(
  a: WorkshopAggregate,
  rows: WorkshopNoteRow[],
  delimiter: ',' | ';' = ',',
  themes: ReadonlyMap<string, string> = new Map(),
): string {
  return toCsv(exportLabels[a.workshop.language].csvHeader, notesCsvRows(a, rows, themes), { delimiter })
}

/** The rows of {@link notesCsv} without its header: a series' CSV joins several workshops'. */
export function notesCsvRows(
  a: WorkshopAggregate,
  rows: WorkshopNoteRow[],
  themes: ReadonlyMap<string, string> = new Map(),
): CsvCell[][] {
  const labels = exportLabels[a.workshop.language]
  const anonymous = a.workshop.anonymousNotes
  return rows.map((r) => [
    a.workshop.title,
    r.roundTitle,
    r.tableName,
    r.question ?? labels.outsideFrames,
    r.text,
    colourName(r.colour, r.kind, a.workshop.language),
    r.votes,
    r.createdAt,
    anonymous ? '' : r.authorName,
    themes.get(`${r.posterId}/${r.shapeId}`) ?? '',
  ])
}

function mdEscape(text: string): string {
  return text.replace(/([\\`*_[\]#<>|])/g, '\\$1')
}

/** A Markdown summary: per round and question, every note grouped by table with its votes. */
export function notesMarkdown(
  a: WorkshopAggregate,
  rows: WorkshopNoteRow[],
  exportedAt = new Date(),
): string {
  const w = a.workshop
  const labels = exportLabels[w.language]
  const lines: string[] = [
    `# ${mdEscape(w.title)}`,
    '',
    [w.date, w.place].filter(Boolean).map(mdEscape).join(' · '),
    '',
  ]
  for (const { round, questions } of groupByQuestion(w.language, a.rounds, rows)) {
    lines.push(`## ${labels.round} ${round.index + 1}: ${mdEscape(round.title)}`, '')
    for (const { question, tables } of questions) {
      lines.push(`### ${mdEscape(question)}`, '')
      if (tables.length === 0) lines.push(`_${labels.noNotes}_`, '')
      for (const { tableName, notes } of tables) {
        lines.push(`**${mdEscape(tableName)}**`, '')
        for (const n of notes) {
          const [first, ...rest] = n.text.split('\n').map(mdEscape)
          const votes = n.votes > 0 ? ` (${labels.votes(n.votes)})` : ''
          lines.push(`- ${first}${votes}`, ...rest.map((line) => `  ${line}`))
        }
        lines.push('')
      }
    }
  }
  lines.push(`_${labels.exported} ${exportedAt.toISOString()}_`, '')
  return lines.join('\n')
}
