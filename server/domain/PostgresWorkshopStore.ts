/**
 * `WorkshopStore` on PostgreSQL, for several server instances sharing one database. Uses the
 * document store's pool when given one, so a server holds one set of connections.
 */
import type { RoundPhase } from '../../shared/api'
import { type PostgresMigration, runPostgresMigrations } from '../storage/postgresMigrations'
import { PostgresTables } from '../storage/postgresPool'
import type { Participant, Poster, Round, Table, Workshop, WorkshopAggregate } from './entities'
import { CodeTakenError, type RotatableRole, type WorkshopStore } from './WorkshopStore'
import { type Row, toParticipant, toPoster, toRound, toTable, toWorkshop } from './workshopRows'

/** Schema history of the workshop tables; append new steps, never edit released ones. */
export const workshopStoreMigrations: readonly PostgresMigration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE workshops (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        date TEXT NOT NULL,
        place TEXT NOT NULL,
        language TEXT NOT NULL,
        anonymous_notes BOOLEAN NOT NULL,
        created_at TEXT NOT NULL,
        current_round_id TEXT,
        presenting_poster_id TEXT,
        organizer_key_hash TEXT NOT NULL UNIQUE,
        facilitator_key_hash TEXT NOT NULL UNIQUE,
        screen_key_hash TEXT NOT NULL UNIQUE
      );
      CREATE TABLE workshop_rounds (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        title TEXT NOT NULL,
        questions JSONB NOT NULL,
        template TEXT NOT NULL,
        minutes INTEGER NOT NULL,
        copy_from_round_id TEXT,
        phase TEXT NOT NULL
      );
      CREATE INDEX workshop_rounds_workshop ON workshop_rounds(workshop_id);
      CREATE TABLE workshop_tables (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        name TEXT NOT NULL,
        colour TEXT NOT NULL,
        join_code TEXT NOT NULL UNIQUE
      );
      CREATE INDEX workshop_tables_workshop ON workshop_tables(workshop_id);
      CREATE TABLE workshop_posters (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        round_id TEXT NOT NULL REFERENCES workshop_rounds(id) ON DELETE CASCADE,
        table_id TEXT NOT NULL REFERENCES workshop_tables(id) ON DELETE CASCADE,
        UNIQUE (round_id, table_id)
      );
      CREATE INDEX workshop_posters_workshop ON workshop_posters(workshop_id);
      CREATE TABLE workshop_participants (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        table_id TEXT NOT NULL REFERENCES workshop_tables(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      );
      CREATE INDEX workshop_participants_workshop ON workshop_participants(workshop_id);
      CREATE TABLE join_codes (
        code TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
        table_id TEXT REFERENCES workshop_tables(id) ON DELETE CASCADE
      );
    `,
  },
]

type Query = (sql: string, params?: unknown[]) => Promise<Row[]>

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && 'code' in err && err.code === '23505'
}

/** PostgreSQL implementation of `WorkshopStore`. */
export class PostgresWorkshopStore extends PostgresTables implements WorkshopStore {
  private readonly query: Query = async (sql, params = []) =>
    (await this.pool.query(sql, params)).rows as Row[]

  private async inTransaction(fn: (q: Query) => Promise<void>): Promise<void> {
    const client = await this.pool.connect()
    try {
      await client.query('BEGIN')
      await fn(async (sql, params = []) => (await client.query(sql, params)).rows as Row[])
      await client.query('COMMIT')
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {})
      if (isUniqueViolation(err)) throw new CodeTakenError(String((err as Error).message))
      throw err
    } finally {
      client.release()
    }
  }

  async init(): Promise<void> {
    await runPostgresMigrations(this.pool, 'workshops', workshopStoreMigrations)
  }

  async insertWorkshop(a: WorkshopAggregate): Promise<void> {
    const w = a.workshop
    await this.inTransaction(async (q) => {
      await q(
        `INSERT INTO workshops (id, code, title, date, place, language, anonymous_notes, created_at,
         current_round_id, presenting_poster_id, organizer_key_hash, facilitator_key_hash, screen_key_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          w.id,
          w.code,
          w.title,
          w.date,
          w.place,
          w.language,
          w.anonymousNotes,
          w.createdAt,
          w.currentRoundId,
          w.presentingPosterId,
          w.organizerKeyHash,
          w.facilitatorKeyHash,
          w.screenKeyHash,
        ],
      )
      await q('INSERT INTO join_codes (code, workshop_id, table_id) VALUES ($1, $2, NULL)', [w.code, w.id])
      await this.writeChildren(q, a)
    })
  }

  async saveWorkshop(a: WorkshopAggregate): Promise<void> {
    const w = a.workshop
    await this.inTransaction(async (q) => {
      await q(
        `UPDATE workshops SET title = $1, date = $2, place = $3, language = $4, anonymous_notes = $5,
         current_round_id = $6, presenting_poster_id = $7 WHERE id = $8`,
        [
          w.title,
          w.date,
          w.place,
          w.language,
          w.anonymousNotes,
          w.currentRoundId,
          w.presentingPosterId,
          w.id,
        ],
      )
      for (const [table, keep] of [
        ['workshop_posters', a.posters],
        ['workshop_rounds', a.rounds],
        ['workshop_tables', a.tables],
      ] as const) {
        await q(`DELETE FROM ${table} WHERE workshop_id = $1 AND NOT (id = ANY($2::text[]))`, [
          w.id,
          keep.map((r) => r.id),
        ])
      }
      await this.writeChildren(q, a)
    })
  }

  private async writeChildren(q: Query, a: WorkshopAggregate): Promise<void> {
    for (const r of a.rounds) {
      await q(
        `INSERT INTO workshop_rounds (id, workshop_id, idx, title, questions, template, minutes, copy_from_round_id, phase)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (id) DO UPDATE SET idx = excluded.idx, title = excluded.title, questions = excluded.questions,
           template = excluded.template, minutes = excluded.minutes, copy_from_round_id = excluded.copy_from_round_id`,
        [
          r.id,
          r.workshopId,
          r.index,
          r.title,
          JSON.stringify(r.questions),
          r.template,
          r.minutes,
          r.copyFromRoundId,
          r.phase,
        ],
      )
    }
    for (const t of a.tables) {
      await q(
        `INSERT INTO workshop_tables (id, workshop_id, number, name, colour, join_code) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET number = excluded.number, name = excluded.name, colour = excluded.colour`,
        [t.id, t.workshopId, t.number, t.name, t.colour, t.joinCode],
      )
      await q(
        'INSERT INTO join_codes (code, workshop_id, table_id) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING',
        [t.joinCode, t.workshopId, t.id],
      )
      const owner = await q('SELECT table_id FROM join_codes WHERE code = $1', [t.joinCode])
      if (owner[0]?.table_id !== t.id) throw new CodeTakenError(`join code ${t.joinCode} is taken`)
    }
    for (const p of a.posters) {
      await q(
        `INSERT INTO workshop_posters (id, workshop_id, round_id, table_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO NOTHING`,
        [p.id, p.workshopId, p.roundId, p.tableId],
      )
    }
  }

  private async one<T>(sql: string, params: unknown[], map: (r: Row) => T): Promise<T | null> {
    const rows = await this.query(sql, params)
    return rows[0] ? map(rows[0]) : null
  }

  async getWorkshop(id: string): Promise<Workshop | null> {
    return this.one('SELECT * FROM workshops WHERE id = $1', [id], toWorkshop)
  }

  async workshopsDatedBefore(date: string): Promise<string[]> {
    const rows = await this.query('SELECT id FROM workshops WHERE date < $1 ORDER BY date', [date])
    return rows.map((r) => r.id as string)
  }

  async getAggregate(id: string): Promise<WorkshopAggregate | null> {
    const workshop = await this.getWorkshop(id)
    if (!workshop) return null
    const [rounds, tables, posters] = await Promise.all([
      this.query('SELECT * FROM workshop_rounds WHERE workshop_id = $1 ORDER BY idx', [id]),
      this.query('SELECT * FROM workshop_tables WHERE workshop_id = $1 ORDER BY number', [id]),
      this.query('SELECT * FROM workshop_posters WHERE workshop_id = $1', [id]),
    ])
    return {
      workshop,
      rounds: rounds.map(toRound),
      tables: tables.map(toTable),
      posters: posters.map(toPoster),
    }
  }

  async resolveCode(code: string): Promise<{ workshopId: string; tableId: string | null } | null> {
    return this.one('SELECT workshop_id, table_id FROM join_codes WHERE code = $1', [code], (r) => ({
      workshopId: r.workshop_id as string,
      tableId: (r.table_id as string | null) ?? null,
    }))
  }

  async codeTaken(code: string): Promise<boolean> {
    return (await this.query('SELECT 1 FROM join_codes WHERE code = $1', [code])).length > 0
  }

  async findKeyHash(
    hash: string,
  ): Promise<{ workshopId: string; role: 'organizer' | 'facilitator' | 'screen' } | null> {
    return this.one(
      `SELECT id, CASE WHEN organizer_key_hash = $1 THEN 'organizer' WHEN facilitator_key_hash = $1 THEN 'facilitator'
       ELSE 'screen' END AS role FROM workshops
       WHERE organizer_key_hash = $1 OR facilitator_key_hash = $1 OR screen_key_hash = $1`,
      [hash],
      (r) => ({ workshopId: r.id as string, role: r.role as 'organizer' | 'facilitator' | 'screen' }),
    )
  }

  async getRound(id: string): Promise<Round | null> {
    return this.one('SELECT * FROM workshop_rounds WHERE id = $1', [id], toRound)
  }

  async getTable(id: string): Promise<Table | null> {
    return this.one('SELECT * FROM workshop_tables WHERE id = $1', [id], toTable)
  }

  async getPoster(id: string): Promise<Poster | null> {
    return this.one('SELECT * FROM workshop_posters WHERE id = $1', [id], toPoster)
  }

  async findPoster(roundId: string, tableId: string): Promise<Poster | null> {
    return this.one(
      'SELECT * FROM workshop_posters WHERE round_id = $1 AND table_id = $2',
      [roundId, tableId],
      toPoster,
    )
  }

  async setRoundPhase(roundId: string, phase: RoundPhase): Promise<void> {
    await this.query('UPDATE workshop_rounds SET phase = $1 WHERE id = $2', [phase, roundId])
  }

  async setCurrentRound(workshopId: string, roundId: string | null): Promise<void> {
    await this.query('UPDATE workshops SET current_round_id = $1 WHERE id = $2', [roundId, workshopId])
  }

  async setPresenting(workshopId: string, posterId: string | null): Promise<void> {
    await this.query('UPDATE workshops SET presenting_poster_id = $1 WHERE id = $2', [posterId, workshopId])
  }

  async setKeyHash(workshopId: string, role: RotatableRole, hash: string): Promise<void> {
    const column = role === 'facilitator' ? 'facilitator_key_hash' : 'screen_key_hash'
    await this.query(`UPDATE workshops SET ${column} = $1 WHERE id = $2`, [hash, workshopId])
  }

  async insertParticipant(p: Participant): Promise<void> {
    await this.query(
      `INSERT INTO workshop_participants (id, workshop_id, table_id, name, token_hash, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [p.id, p.workshopId, p.tableId, p.name, p.tokenHash, p.createdAt],
    )
  }

  async findParticipantByTokenHash(hash: string): Promise<Participant | null> {
    return this.one('SELECT * FROM workshop_participants WHERE token_hash = $1', [hash], toParticipant)
  }

  async getParticipant(id: string): Promise<Participant | null> {
    return this.one('SELECT * FROM workshop_participants WHERE id = $1', [id], toParticipant)
  }

  async listParticipants(workshopId: string): Promise<Participant[]> {
    const rows = await this.query(
      'SELECT * FROM workshop_participants WHERE workshop_id = $1 ORDER BY created_at',
      [workshopId],
    )
    return rows.map(toParticipant)
  }

  async deleteWorkshop(id: string): Promise<void> {
    await this.query('DELETE FROM workshops WHERE id = $1', [id])
  }
}
