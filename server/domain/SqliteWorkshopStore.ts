/**
 * `WorkshopStore` on SQLite, in the same `plenum.db` as the documents (one shared handle from
 * `openSqliteDatabase`). Statements are synchronous; the async interface is for PostgreSQL.
 */
import type { RoundPhase } from '../../shared/api'
import { SqliteTables } from '../storage/sqliteDatabase'
import type { Participant, Poster, Round, Table, Workshop, WorkshopAggregate } from './entities'
import { CodeTakenError, type RotatableRole, type WorkshopStore } from './WorkshopStore'
import { type Row, toParticipant, toPoster, toRound, toTable, toWorkshop } from './workshopRows'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS workshops (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  date TEXT NOT NULL,
  place TEXT NOT NULL,
  language TEXT NOT NULL,
  anonymous_notes INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  current_round_id TEXT,
  presenting_poster_id TEXT,
  organizer_key_hash TEXT NOT NULL UNIQUE,
  facilitator_key_hash TEXT NOT NULL UNIQUE,
  screen_key_hash TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS workshop_rounds (
  id TEXT PRIMARY KEY,
  workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  title TEXT NOT NULL,
  questions TEXT NOT NULL,
  template TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  copy_from_round_id TEXT,
  phase TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS workshop_rounds_workshop ON workshop_rounds(workshop_id);
CREATE TABLE IF NOT EXISTS workshop_tables (
  id TEXT PRIMARY KEY,
  workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  name TEXT NOT NULL,
  colour TEXT NOT NULL,
  join_code TEXT NOT NULL UNIQUE
);
CREATE INDEX IF NOT EXISTS workshop_tables_workshop ON workshop_tables(workshop_id);
CREATE TABLE IF NOT EXISTS workshop_posters (
  id TEXT PRIMARY KEY,
  workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
  round_id TEXT NOT NULL REFERENCES workshop_rounds(id) ON DELETE CASCADE,
  table_id TEXT NOT NULL REFERENCES workshop_tables(id) ON DELETE CASCADE,
  UNIQUE (round_id, table_id)
);
CREATE INDEX IF NOT EXISTS workshop_posters_workshop ON workshop_posters(workshop_id);
CREATE TABLE IF NOT EXISTS workshop_participants (
  id TEXT PRIMARY KEY,
  workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
  table_id TEXT NOT NULL REFERENCES workshop_tables(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS workshop_participants_workshop ON workshop_participants(workshop_id);
-- One namespace for workshop codes and table join codes, so a typed code means one thing.
CREATE TABLE IF NOT EXISTS join_codes (
  code TEXT PRIMARY KEY,
  workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
  table_id TEXT REFERENCES workshop_tables(id) ON DELETE CASCADE
);
`

function isUniqueViolation(err: unknown): boolean {
  return err instanceof Error && 'code' in err && String(err.code).startsWith('SQLITE_CONSTRAINT')
}

/** SQLite implementation of `WorkshopStore`. */
export class SqliteWorkshopStore extends SqliteTables implements WorkshopStore {
  async init(): Promise<void> {
    this.db.exec(SCHEMA)
  }

  async insertWorkshop(a: WorkshopAggregate): Promise<void> {
    try {
      this.db.transaction(() => {
        const w = a.workshop
        this.db
          .prepare(
            `INSERT INTO workshops (id, code, title, date, place, language, anonymous_notes, created_at,
             current_round_id, presenting_poster_id, organizer_key_hash, facilitator_key_hash, screen_key_hash)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            w.id,
            w.code,
            w.title,
            w.date,
            w.place,
            w.language,
            w.anonymousNotes ? 1 : 0,
            w.createdAt,
            w.currentRoundId,
            w.presentingPosterId,
            w.organizerKeyHash,
            w.facilitatorKeyHash,
            w.screenKeyHash,
          )
        this.db
          .prepare('INSERT INTO join_codes (code, workshop_id, table_id) VALUES (?, ?, NULL)')
          .run(w.code, w.id)
        this.writeChildren(a)
      })()
    } catch (err) {
      if (isUniqueViolation(err)) throw new CodeTakenError(String((err as Error).message))
      throw err
    }
  }

  async saveWorkshop(a: WorkshopAggregate): Promise<void> {
    try {
      this.db.transaction(() => {
        const w = a.workshop
        this.db
          .prepare(
            `UPDATE workshops SET title = ?, date = ?, place = ?, language = ?, anonymous_notes = ?,
             current_round_id = ?, presenting_poster_id = ? WHERE id = ?`,
          )
          .run(
            w.title,
            w.date,
            w.place,
            w.language,
            w.anonymousNotes ? 1 : 0,
            w.currentRoundId,
            w.presentingPosterId,
            w.id,
          )
        this.deleteMissing('workshop_posters', w.id, a.posters)
        this.deleteMissing('workshop_rounds', w.id, a.rounds)
        this.deleteMissing('workshop_tables', w.id, a.tables)
        this.writeChildren(a)
      })()
    } catch (err) {
      if (isUniqueViolation(err)) throw new CodeTakenError(String((err as Error).message))
      throw err
    }
  }

  private deleteMissing(table: string, workshopId: string, keep: Array<{ id: string }>): void {
    const ids = new Set(keep.map((r) => r.id))
    const existing = this.db.prepare(`SELECT id FROM ${table} WHERE workshop_id = ?`).all(workshopId) as Row[]
    const del = this.db.prepare(`DELETE FROM ${table} WHERE id = ?`)
    for (const row of existing) if (!ids.has(row.id as string)) del.run(row.id)
  }

  private writeChildren(a: WorkshopAggregate): void {
    const round = this.db.prepare(
      `INSERT INTO workshop_rounds (id, workshop_id, idx, title, questions, template, minutes, copy_from_round_id, phase)
       VALUES (@id, @workshopId, @index, @title, @questions, @template, @minutes, @copyFromRoundId, @phase)
       ON CONFLICT(id) DO UPDATE SET idx = excluded.idx, title = excluded.title, questions = excluded.questions,
         template = excluded.template, minutes = excluded.minutes, copy_from_round_id = excluded.copy_from_round_id`,
    )
    for (const r of a.rounds) round.run({ ...r, questions: JSON.stringify(r.questions) })
    const table = this.db.prepare(
      `INSERT INTO workshop_tables (id, workshop_id, number, name, colour, join_code)
       VALUES (@id, @workshopId, @number, @name, @colour, @joinCode)
       ON CONFLICT(id) DO UPDATE SET number = excluded.number, name = excluded.name, colour = excluded.colour`,
    )
    const code = this.db.prepare(
      'INSERT INTO join_codes (code, workshop_id, table_id) VALUES (?, ?, ?) ON CONFLICT(code) DO NOTHING',
    )
    const codeOwner = this.db.prepare('SELECT table_id FROM join_codes WHERE code = ?')
    for (const t of a.tables) {
      table.run(t)
      code.run(t.joinCode, t.workshopId, t.id)
      const owner = codeOwner.get(t.joinCode) as Row | undefined
      if (owner?.table_id !== t.id) throw new CodeTakenError(`join code ${t.joinCode} is taken`)
    }
    const poster = this.db.prepare(
      `INSERT INTO workshop_posters (id, workshop_id, round_id, table_id) VALUES (@id, @workshopId, @roundId, @tableId)
       ON CONFLICT(id) DO NOTHING`,
    )
    for (const p of a.posters) poster.run(p)
  }

  async getWorkshop(id: string): Promise<Workshop | null> {
    const row = this.db.prepare('SELECT * FROM workshops WHERE id = ?').get(id) as Row | undefined
    return row ? toWorkshop(row) : null
  }

  async workshopsDatedBefore(date: string): Promise<string[]> {
    const rows = this.db.prepare('SELECT id FROM workshops WHERE date < ? ORDER BY date').all(date) as Row[]
    return rows.map((r) => r.id as string)
  }

  async getAggregate(id: string): Promise<WorkshopAggregate | null> {
    const workshop = await this.getWorkshop(id)
    if (!workshop) return null
    const rounds = (
      this.db.prepare('SELECT * FROM workshop_rounds WHERE workshop_id = ? ORDER BY idx').all(id) as Row[]
    ).map(toRound)
    const tables = (
      this.db.prepare('SELECT * FROM workshop_tables WHERE workshop_id = ? ORDER BY number').all(id) as Row[]
    ).map(toTable)
    const posters = (
      this.db.prepare('SELECT * FROM workshop_posters WHERE workshop_id = ?').all(id) as Row[]
    ).map(toPoster)
    return { workshop, rounds, tables, posters }
  }

  async resolveCode(code: string): Promise<{ workshopId: string; tableId: string | null } | null> {
    const row = this.db.prepare('SELECT workshop_id, table_id FROM join_codes WHERE code = ?').get(code) as
      | Row
      | undefined
    return row
      ? { workshopId: row.workshop_id as string, tableId: (row.table_id as string | null) ?? null }
      : null
  }

  async codeTaken(code: string): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM join_codes WHERE code = ?').get(code) !== undefined
  }

  async findKeyHash(
    hash: string,
  ): Promise<{ workshopId: string; role: 'organizer' | 'facilitator' | 'screen' } | null> {
    const row = this.db
      .prepare(
        `SELECT id, CASE WHEN organizer_key_hash = @h THEN 'organizer' WHEN facilitator_key_hash = @h THEN 'facilitator'
         ELSE 'screen' END AS role FROM workshops
         WHERE organizer_key_hash = @h OR facilitator_key_hash = @h OR screen_key_hash = @h`,
      )
      .get({ h: hash }) as Row | undefined
    return row
      ? { workshopId: row.id as string, role: row.role as 'organizer' | 'facilitator' | 'screen' }
      : null
  }

  async getRound(id: string): Promise<Round | null> {
    const row = this.db.prepare('SELECT * FROM workshop_rounds WHERE id = ?').get(id) as Row | undefined
    return row ? toRound(row) : null
  }

  async getTable(id: string): Promise<Table | null> {
    const row = this.db.prepare('SELECT * FROM workshop_tables WHERE id = ?').get(id) as Row | undefined
    return row ? toTable(row) : null
  }

  async getPoster(id: string): Promise<Poster | null> {
    const row = this.db.prepare('SELECT * FROM workshop_posters WHERE id = ?').get(id) as Row | undefined
    return row ? toPoster(row) : null
  }

  async findPoster(roundId: string, tableId: string): Promise<Poster | null> {
    const row = this.db
      .prepare('SELECT * FROM workshop_posters WHERE round_id = ? AND table_id = ?')
      .get(roundId, tableId) as Row | undefined
    return row ? toPoster(row) : null
  }

  async setRoundPhase(roundId: string, phase: RoundPhase): Promise<void> {
    this.db.prepare('UPDATE workshop_rounds SET phase = ? WHERE id = ?').run(phase, roundId)
  }

  async setCurrentRound(workshopId: string, roundId: string | null): Promise<void> {
    this.db.prepare('UPDATE workshops SET current_round_id = ? WHERE id = ?').run(roundId, workshopId)
  }

  async setPresenting(workshopId: string, posterId: string | null): Promise<void> {
    this.db.prepare('UPDATE workshops SET presenting_poster_id = ? WHERE id = ?').run(posterId, workshopId)
  }

  async setKeyHash(workshopId: string, role: RotatableRole, hash: string): Promise<void> {
    const column = role === 'facilitator' ? 'facilitator_key_hash' : 'screen_key_hash'
    this.db.prepare(`UPDATE workshops SET ${column} = ? WHERE id = ?`).run(hash, workshopId)
  }

  async insertParticipant(p: Participant): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO workshop_participants (id, workshop_id, table_id, name, token_hash, created_at)
         VALUES (@id, @workshopId, @tableId, @name, @tokenHash, @createdAt)`,
      )
      .run(p)
  }

  async findParticipantByTokenHash(hash: string): Promise<Participant | null> {
    const row = this.db.prepare('SELECT * FROM workshop_participants WHERE token_hash = ?').get(hash) as
      | Row
      | undefined
    return row ? toParticipant(row) : null
  }

  async getParticipant(id: string): Promise<Participant | null> {
    const row = this.db.prepare('SELECT * FROM workshop_participants WHERE id = ?').get(id) as Row | undefined
    return row ? toParticipant(row) : null
  }

  async listParticipants(workshopId: string): Promise<Participant[]> {
    return (
      this.db
        .prepare('SELECT * FROM workshop_participants WHERE workshop_id = ? ORDER BY created_at')
        .all(workshopId) as Row[]
    ).map(toParticipant)
  }

  async deleteWorkshop(id: string): Promise<void> {
    this.db.prepare('DELETE FROM workshops WHERE id = ?').run(id)
  }
}
