/**
 * Mapping of database rows (snake_case columns, shared by the SQLite and PostgreSQL stores)
 * to domain entities.
 */
import type { RoundPhase } from '../../shared/api'
import type { Participant, Poster, Round, Table, Workshop } from './entities'

/** A row as the drivers return it. */
export type Row = Record<string, unknown>

/** Row to entity. */
export function toWorkshop(r: Row): Workshop {
  return {
    id: r.id as string,
    code: r.code as string,
    title: r.title as string,
    date: r.date as string,
    place: r.place as string,
    language: r.language as Workshop['language'],
    anonymousNotes: r.anonymous_notes === 1 || r.anonymous_notes === true,
    createdAt: r.created_at as string,
    currentRoundId: (r.current_round_id as string | null) ?? null,
    presentingPosterId: (r.presenting_poster_id as string | null) ?? null,
    organizerKeyHash: r.organizer_key_hash as string,
    facilitatorKeyHash: r.facilitator_key_hash as string,
    screenKeyHash: r.screen_key_hash as string,
  }
}

/** Row to entity. */
export function toRound(r: Row): Round {
  return {
    id: r.id as string,
    workshopId: r.workshop_id as string,
    index: r.idx as number,
    title: r.title as string,
    questions: (typeof r.questions === 'string' ? JSON.parse(r.questions) : r.questions) as string[],
    template: r.template as Round['template'],
    minutes: r.minutes as number,
    copyFromRoundId: (r.copy_from_round_id as string | null) ?? null,
    phase: r.phase as RoundPhase,
  }
}

/** Row to entity. */
export function toTable(r: Row): Table {
  return {
    id: r.id as string,
    workshopId: r.workshop_id as string,
    number: r.number as number,
    name: r.name as string,
    colour: r.colour as Table['colour'],
    joinCode: r.join_code as string,
  }
}

/** Row to entity. */
export function toPoster(r: Row): Poster {
  return {
    id: r.id as string,
    workshopId: r.workshop_id as string,
    roundId: r.round_id as string,
    tableId: r.table_id as string,
  }
}

/** Row to entity. */
export function toParticipant(r: Row): Participant {
  return {
    id: r.id as string,
    workshopId: r.workshop_id as string,
    tableId: r.table_id as string,
    name: r.name as string,
    tokenHash: r.token_hash as string,
    createdAt: r.created_at as string,
  }
}
