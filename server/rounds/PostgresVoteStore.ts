/**
 * `VoteStore` on PostgreSQL, shared by every server instance. The dot limit holds across
 * instances: the count and the insert run in one transaction that first takes a
 * transaction-scoped advisory lock on (round, participant). A row lock would not do, since
 * a participant's first dot has no row to lock yet.
 */
import { randomUUID } from 'node:crypto'
import { type PostgresMigration, runPostgresMigrations } from '../storage/postgresMigrations'
import { PostgresTables } from '../storage/postgresPool'
import type { Vote, VoteStore } from './VoteStore'

/** Schema history of the vote table; append new steps, never edit released ones. */
export const voteStoreMigrations: readonly PostgresMigration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE votes (
        seq BIGSERIAL NOT NULL,
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL,
        round_id TEXT NOT NULL,
        poster_id TEXT NOT NULL,
        note_id TEXT NOT NULL,
        participant_id TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX votes_round_participant ON votes (round_id, participant_id);
      CREATE INDEX votes_poster ON votes (poster_id);
      CREATE INDEX votes_workshop ON votes (workshop_id);
    `,
  },
]

/** Votes in PostgreSQL. */
export class PostgresVoteStore extends PostgresTables implements VoteStore {
  async init(): Promise<void> {
    await runPostgresMigrations(this.pool, 'votes', voteStoreMigrations)
  }

  async addIfUnder(vote: Vote, limit: number): Promise<boolean> {
    const client = await this.pool.connect()
    try {
      await client.query('BEGIN')
      try {
        // The two-key form keeps these locks apart from the single-key migration lock.
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [
          vote.roundId,
          vote.participantId,
        ])
        const { rows } = await client.query<{ n: string }>(
          'SELECT COUNT(*) AS n FROM votes WHERE round_id = $1 AND participant_id = $2',
          [vote.roundId, vote.participantId],
        )
        if (Number(rows[0]?.n ?? 0) >= limit) {
          await client.query('ROLLBACK')
          return false
        }
        await client.query(
          'INSERT INTO votes (id, workshop_id, round_id, poster_id, note_id, participant_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [
            randomUUID(),
            vote.workshopId,
            vote.roundId,
            vote.posterId,
            vote.noteId,
            vote.participantId,
            new Date().toISOString(),
          ],
        )
        await client.query('COMMIT')
        return true
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined)
        throw error
      }
    } finally {
      client.release()
    }
  }

  async insertMany(votes: readonly Vote[]): Promise<void> {
    if (votes.length === 0) return
    const col = (pick: (v: Vote) => string) => votes.map(pick)
    // One statement over arrays: one round trip and one transaction however many dots.
    await this.pool.query(
      `INSERT INTO votes (id, workshop_id, round_id, poster_id, note_id, participant_id, created_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
      [
        col(() => randomUUID()),
        col((v) => v.workshopId),
        col((v) => v.roundId),
        col((v) => v.posterId),
        col((v) => v.noteId),
        col((v) => v.participantId),
        col(() => new Date().toISOString()),
      ],
    )
  }

  async removeOne(vote: Omit<Vote, 'workshopId'>): Promise<boolean> {
    // SKIP LOCKED: two removals at once take two different dots instead of one failing.
    const result = await this.pool.query(
      `DELETE FROM votes WHERE id = (SELECT id FROM votes WHERE round_id = $1 AND poster_id = $2 AND note_id = $3
       AND participant_id = $4 ORDER BY created_at DESC, seq DESC LIMIT 1 FOR UPDATE SKIP LOCKED)`,
      [vote.roundId, vote.posterId, vote.noteId, vote.participantId],
    )
    return (result.rowCount ?? 0) > 0
  }

  async countByParticipant(roundId: string, participantId: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      'SELECT COUNT(*) AS n FROM votes WHERE round_id = $1 AND participant_id = $2',
      [roundId, participantId],
    )
    return Number(rows[0]?.n ?? 0)
  }

  async mine(roundId: string, participantId: string): Promise<Record<string, number>> {
    const { rows } = await this.pool.query<{ poster_id: string; note_id: string; n: string }>(
      'SELECT poster_id, note_id, COUNT(*) AS n FROM votes WHERE round_id = $1 AND participant_id = $2 GROUP BY poster_id, note_id',
      [roundId, participantId],
    )
    return Object.fromEntries(rows.map((r) => [`${r.poster_id}/${r.note_id}`, Number(r.n)]))
  }

  async tallies(posterId: string): Promise<Record<string, number>> {
    const { rows } = await this.pool.query<{ note_id: string; n: string }>(
      'SELECT note_id, COUNT(*) AS n FROM votes WHERE poster_id = $1 GROUP BY note_id',
      [posterId],
    )
    return Object.fromEntries(rows.map((r) => [r.note_id, Number(r.n)]))
  }

  async deleteWorkshop(workshopId: string): Promise<void> {
    await this.pool.query('DELETE FROM votes WHERE workshop_id = $1', [workshopId])
  }
}
