/**
 * Dot votes. One row per dot, so a participant may stack several dots on one note. The
 * limit check and the insert happen in one SQLite transaction: two quick clicks can never
 * place more dots than the round allows.
 */
import { randomUUID } from 'node:crypto'
import { SqliteTables } from '../storage/sqliteDatabase'

/** One dot a participant placed on a note. */
export interface Vote {
  workshopId: string
  roundId: string
  posterId: string
  noteId: string
  participantId: string
}

/** Durable store of dot votes. */
export interface VoteStore {
  /** Creates tables. Idempotent. */
  init(): Promise<void>
  /** Adds one dot unless the participant already has `limit` dots in the round; true when added. */
  addIfUnder(vote: Vote, limit: number): Promise<boolean>
  /** Writes many dots in one transaction, without limit checks (an import of checked data). */
  insertMany(votes: readonly Vote[]): Promise<void>
  /** Removes one of the participant's dots on a note; true when there was one. */
  removeOne(vote: Omit<Vote, 'workshopId'>): Promise<boolean>
  /** Dots a participant has placed in a round. */
  countByParticipant(roundId: string, participantId: string): Promise<number>
  /** The participant's dots per `posterId/noteId` in a round. */
  mine(roundId: string, participantId: string): Promise<Record<string, number>>
  /** Dots per note on one poster. */
  tallies(posterId: string): Promise<Record<string, number>>
  /** Removes every dot of a workshop. */
  deleteWorkshop(workshopId: string): Promise<void>
  /** Releases the database. */
  close(): Promise<void>
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS votes (
  id TEXT PRIMARY KEY,
  workshop_id TEXT NOT NULL,
  round_id TEXT NOT NULL,
  poster_id TEXT NOT NULL,
  note_id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS votes_round_participant ON votes (round_id, participant_id);
CREATE INDEX IF NOT EXISTS votes_poster ON votes (poster_id);
CREATE INDEX IF NOT EXISTS votes_workshop ON votes (workshop_id);
`

/** Votes in SQLite, in the shared `plenum.db`. */
export class SqliteVoteStore extends SqliteTables implements VoteStore {
  async init(): Promise<void> {
    this.db.exec(SCHEMA)
  }

  async addIfUnder(vote: Vote, limit: number): Promise<boolean> {
    const add = this.db.transaction((): boolean => {
      const used = this.count(vote.roundId, vote.participantId)
      if (used >= limit) return false
      this.db
        .prepare(
          'INSERT INTO votes (id, workshop_id, round_id, poster_id, note_id, participant_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          randomUUID(),
          vote.workshopId,
          vote.roundId,
          vote.posterId,
          vote.noteId,
          vote.participantId,
          new Date().toISOString(),
        )
      return true
    })
    return add.immediate()
  }

  async insertMany(votes: readonly Vote[]): Promise<void> {
    const insert = this.db.prepare(
      'INSERT INTO votes (id, workshop_id, round_id, poster_id, note_id, participant_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    const now = new Date().toISOString()
    this.db.transaction(() => {
      for (const v of votes)
        insert.run(randomUUID(), v.workshopId, v.roundId, v.posterId, v.noteId, v.participantId, now)
    })()
  }

  async removeOne(vote: Omit<Vote, 'workshopId'>): Promise<boolean> {
    const result = this.db
      .prepare(
        `DELETE FROM votes WHERE id = (SELECT id FROM votes WHERE round_id = ? AND poster_id = ? AND note_id = ?
         AND participant_id = ? ORDER BY created_at DESC LIMIT 1)`,
      )
      .run(vote.roundId, vote.posterId, vote.noteId, vote.participantId)
    return result.changes > 0
  }

  async countByParticipant(roundId: string, participantId: string): Promise<number> {
    return this.count(roundId, participantId)
  }

  async mine(roundId: string, participantId: string): Promise<Record<string, number>> {
    const rows = this.db
      .prepare(
        'SELECT poster_id, note_id, COUNT(*) AS n FROM votes WHERE round_id = ? AND participant_id = ? GROUP BY poster_id, note_id',
      )
      .all(roundId, participantId) as Array<{ poster_id: string; note_id: string; n: number }>
    return Object.fromEntries(rows.map((r) => [`${r.poster_id}/${r.note_id}`, r.n]))
  }

  async tallies(posterId: string): Promise<Record<string, number>> {
    const rows = this.db
      .prepare('SELECT note_id, COUNT(*) AS n FROM votes WHERE poster_id = ? GROUP BY note_id')
      .all(posterId) as Array<{ note_id: string; n: number }>
    return Object.fromEntries(rows.map((r) => [r.note_id, r.n]))
  }

  async deleteWorkshop(workshopId: string): Promise<void> {
    this.db.prepare('DELETE FROM votes WHERE workshop_id = ?').run(workshopId)
  }

  private count(roundId: string, participantId: string): number {
    const row = this.db
      .prepare('SELECT COUNT(*) AS n FROM votes WHERE round_id = ? AND participant_id = ?')
      .get(roundId, participantId) as { n: number }
    return row.n
  }
}
