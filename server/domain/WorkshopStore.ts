/**
 * Persistence of workshops, rounds, tables, posters and participants. Async throughout so a
 * PostgreSQL adapter can implement it as well as `SqliteWorkshopStore`.
 */
import type { RotatableRole, RoundPhase } from '../../shared/api'
import type { Participant, Poster, Round, Table, Workshop, WorkshopAggregate } from './entities'

/** Roles whose key the organizer can re-issue. */
export type { RotatableRole }

/** Thrown when a generated join code or workshop code is already taken; the caller retries. */
export class CodeTakenError extends Error {
  override name = 'CodeTakenError'
}

/** Durable store of the workshop domain. */
export interface WorkshopStore {
  /** Creates tables. Idempotent. */
  init(): Promise<void>
  /** Inserts a workshop with its rounds, tables and posters in one transaction. */
  insertWorkshop(aggregate: WorkshopAggregate): Promise<void>
  /**
   * Replaces a workshop's fields, rounds, tables and posters in one transaction: rows with a
   * known id are updated, new ones inserted, missing ones deleted (with their participants).
   */
  saveWorkshop(aggregate: WorkshopAggregate): Promise<void>
  /** A workshop, or null. */
  getWorkshop(id: string): Promise<Workshop | null>
  /** Ids of workshops whose date (YYYY-MM-DD) is before `date`. */
  workshopsDatedBefore(date: string): Promise<string[]>
  /** A workshop with rounds (in order), tables (by number) and posters, or null. */
  getAggregate(id: string): Promise<WorkshopAggregate | null>
  /** Resolves a workshop code or table join code. */
  resolveCode(code: string): Promise<{ workshopId: string; tableId: string | null } | null>
  /** Whether a code is used as a workshop code or table join code. */
  codeTaken(code: string): Promise<boolean>
  /** The workshop and role whose organizer/facilitator/screen key hashes to `hash`. */
  findKeyHash(
    hash: string,
  ): Promise<{ workshopId: string; role: 'organizer' | 'facilitator' | 'screen' } | null>
  /** A round, or null. */
  getRound(id: string): Promise<Round | null>
  /** A table, or null. */
  getTable(id: string): Promise<Table | null>
  /** A poster, or null. */
  getPoster(id: string): Promise<Poster | null>
  /** The poster of a round and table, or null. */
  findPoster(roundId: string, tableId: string): Promise<Poster | null>
  /** Stores a round's phase. */
  setRoundPhase(roundId: string, phase: RoundPhase): Promise<void>
  /** Stores which round is in progress. */
  setCurrentRound(workshopId: string, roundId: string | null): Promise<void>
  /** Stores which poster is presented in plenary. */
  setPresenting(workshopId: string, posterId: string | null): Promise<void>
  /** Replaces the hash of a workshop's facilitator or screen key (the old key stops working). */
  setKeyHash(workshopId: string, role: RotatableRole, hash: string): Promise<void>
  /** Adds a participant. */
  insertParticipant(participant: Participant): Promise<void>
  /** The participant whose token hashes to `hash`, or null. */
  findParticipantByTokenHash(hash: string): Promise<Participant | null>
  /** A participant, or null. */
  getParticipant(id: string): Promise<Participant | null>
  /** Participants of a workshop. */
  listParticipants(workshopId: string): Promise<Participant[]>
  /** Removes a workshop and every row that belongs to it. */
  deleteWorkshop(id: string): Promise<void>
  /** Releases the database. */
  close(): Promise<void>
}
