/**
 * Pure building blocks of the workshop service: entities from the organizer's input, and the
 * API views of a stored workshop.
 */
import type { CreateWorkshopInput, PublicWorkshop, TableView, WorkshopView } from '../../shared/api'
import { clientPaths } from '../../shared/api'
import { controlDocName, posterDocName } from '../../shared/docNames'
import type { Poster, Round, Table, WorkshopAggregate } from './entities'
import { newId } from './secrets'
import { defaultTableName, isDefaultTableName, TABLE_COLOURS } from './tableNames'

/** A round as the organizer sends it. */
export type RoundIn = CreateWorkshopInput['rounds'][number]
/** A table as the organizer sends it. */
export type TableIn = { id?: string; name?: string; colour?: TableView['colour'] }

/** Rounds from the organizer's input; ids and phases of listed existing rounds are kept. */
export function buildRounds(workshopId: string, input: RoundIn[], existing: Round[]): Round[] {
  const ids = input.map((r) => r.id ?? newId())
  return input.map((r, index) => {
    const old = existing.find((x) => x.id === r.id)
    return {
      id: ids[index],
      workshopId,
      index,
      title: r.title,
      questions: r.questions,
      template: r.template,
      minutes: r.minutes,
      copyFromRoundId: r.copyFromRound !== undefined ? ids[r.copyFromRound] : null,
      phase: old?.phase ?? 'draft',
    }
  })
}

/** Tables from the organizer's input; new tables take join codes from `codes` in order. */
export function buildTables(
  workshopId: string,
  input: TableIn[],
  existing: Table[],
  language: CreateWorkshopInput['language'],
  codes: string[],
): Table[] {
  let nextCode = 0
  return input.map((t, i) => {
    const old = existing.find((x) => x.id === t.id)
    const number = i + 1
    const given = t.name ?? old?.name
    // Default names follow the table's position and the workshop language; chosen names stay.
    const name = given && !isDefaultTableName(given) ? given : defaultTableName(number, language)
    return {
      id: old?.id ?? newId(),
      workshopId,
      number,
      name,
      colour: t.colour ?? old?.colour ?? TABLE_COLOURS[i % TABLE_COLOURS.length],
      joinCode: old?.joinCode ?? codes[nextCode++],
    }
  })
}

/** One poster per round and table, keeping the existing poster of each pair. */
export function buildPosters(a: WorkshopAggregate, existing: Poster[]): Poster[] {
  const posters: Poster[] = []
  for (const round of a.rounds) {
    for (const table of a.tables) {
      const old = existing.find((p) => p.roundId === round.id && p.tableId === table.id)
      posters.push(old ?? { id: newId(), workshopId: a.workshop.id, roundId: round.id, tableId: table.id })
    }
  }
  return posters
}

/** A table with its join code and link. */
export function tableView(t: Table, baseUrl: string): TableView {
  return {
    id: t.id,
    number: t.number,
    name: t.name,
    colour: t.colour,
    joinCode: t.joinCode,
    joinUrl: `${baseUrl}${clientPaths.join(t.joinCode)}`,
  }
}

/** A stored workshop as `role` may see it: join codes only for organizer and facilitator. */
export function toWorkshopView(
  a: WorkshopAggregate,
  role: WorkshopView['role'],
  baseUrl: string,
): WorkshopView {
  const staff = role === 'organizer' || role === 'facilitator'
  const w = a.workshop
  return {
    id: w.id,
    code: w.code,
    title: w.title,
    date: w.date,
    place: w.place,
    language: w.language,
    anonymousNotes: w.anonymousNotes,
    createdAt: w.createdAt,
    currentRoundId: w.currentRoundId,
    controlDocName: controlDocName(w.id),
    rounds: a.rounds.map((r) => ({
      id: r.id,
      index: r.index,
      title: r.title,
      questions: r.questions,
      template: r.template,
      minutes: r.minutes,
      copyFromRoundId: r.copyFromRoundId,
      phase: r.phase,
    })),
    tables: a.tables.map((t) =>
      staff ? tableView(t, baseUrl) : { id: t.id, number: t.number, name: t.name, colour: t.colour },
    ),
    posters: a.posters.map((p) => ({
      id: p.id,
      roundId: p.roundId,
      tableId: p.tableId,
      docName: posterDocName(p.id),
    })),
    role,
  }
}

/** What the join page may show of a workshop. */
export function toPublicWorkshop(a: WorkshopAggregate, tableId: string | null): PublicWorkshop {
  const w = a.workshop
  return {
    workshopId: w.id,
    title: w.title,
    date: w.date,
    place: w.place,
    language: w.language,
    tables: a.tables.map((t) => ({ id: t.id, number: t.number, name: t.name, colour: t.colour })),
    tableId,
  }
}
