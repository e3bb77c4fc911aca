/**
 * `SnapshotStore` on PostgreSQL, so every server instance behind a load balancer lists and
 * restores the same snapshots. Like the SQLite store, a trigger refuses every UPDATE: only
 * deleting a workshop removes snapshots. Shares the document store's pool when given one.
 */
import { type PostgresMigration, runPostgresMigrations } from '../storage/postgresMigrations'
import { PostgresTables } from '../storage/postgresPool'
import type {
  Snapshot,
  SnapshotFilter,
  SnapshotReason,
  SnapshotStore,
  SnapshotSummary,
} from './SnapshotStore'

/** Schema history of the snapshot table; append new steps, never edit released ones. */
export const snapshotStoreMigrations: readonly PostgresMigration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE snapshots (
        seq BIGSERIAL NOT NULL,
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL,
        poster_id TEXT NOT NULL,
        round_id TEXT NOT NULL,
        table_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        created_at TEXT NOT NULL,
        note_count INTEGER NOT NULL,
        state BYTEA NOT NULL,
        -- Kept as the exact JSON text written, like the SQLite store, so a download is byte-stable.
        records TEXT NOT NULL,
        text TEXT NOT NULL
      );
      CREATE INDEX snapshots_workshop ON snapshots (workshop_id, created_at, seq);
      CREATE FUNCTION snapshots_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'snapshots are immutable';
      END $$;
      CREATE TRIGGER snapshots_immutable BEFORE UPDATE ON snapshots
        FOR EACH ROW EXECUTE FUNCTION snapshots_refuse_update();
    `,
  },
]

const SUMMARY_COLUMNS =
  'id, workshop_id, poster_id, round_id, table_id, reason, created_at, note_count, octet_length(state) AS state_bytes'

type Row = Record<string, unknown>

function toSummary(r: Row): SnapshotSummary {
  return {
    id: r.id as string,
    workshopId: r.workshop_id as string,
    posterId: r.poster_id as string,
    roundId: r.round_id as string,
    tableId: r.table_id as string,
    reason: r.reason as SnapshotReason,
    createdAt: r.created_at as string,
    noteCount: Number(r.note_count),
    stateBytes: Number(r.state_bytes),
  }
}

/** Snapshots in PostgreSQL. */
export class PostgresSnapshotStore extends PostgresTables implements SnapshotStore {
  async init(): Promise<void> {
    await runPostgresMigrations(this.pool, 'snapshots', snapshotStoreMigrations)
  }

  async insert(s: Snapshot): Promise<void> {
    await this.pool.query(
      `INSERT INTO snapshots (id, workshop_id, poster_id, round_id, table_id, reason, created_at, note_count, state, records, text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        s.id,
        s.workshopId,
        s.posterId,
        s.roundId,
        s.tableId,
        s.reason,
        s.createdAt,
        s.text.length,
        Buffer.from(s.state),
        JSON.stringify(s.document),
        JSON.stringify(s.text),
      ],
    )
  }

  async list(f: SnapshotFilter): Promise<SnapshotSummary[]> {
    const where = ['workshop_id = $1']
    const args: string[] = [f.workshopId]
    for (const [column, value] of [
      ['round_id', f.roundId],
      ['table_id', f.tableId],
      ['poster_id', f.posterId],
    ] as const) {
      if (!value) continue
      args.push(value)
      where.push(`${column} = $${args.length}`)
    }
    const { rows } = await this.pool.query(
      `SELECT ${SUMMARY_COLUMNS} FROM snapshots WHERE ${where.join(' AND ')} ORDER BY created_at, seq`,
      args,
    )
    return rows.map(toSummary)
  }

  async get(id: string): Promise<Snapshot | null> {
    const { rows } = await this.pool.query(
      `SELECT ${SUMMARY_COLUMNS}, state, records, text FROM snapshots WHERE id = $1`,
      [id],
    )
    const r = rows[0] as Row | undefined
    if (!r) return null
    const state = r.state as Buffer
    return {
      ...toSummary(r),
      state: new Uint8Array(state.buffer, state.byteOffset, state.byteLength),
      document: JSON.parse(r.records as string),
      text: JSON.parse(r.text as string),
    }
  }

  async deleteWorkshop(workshopId: string): Promise<number> {
    const result = await this.pool.query('DELETE FROM snapshots WHERE workshop_id = $1', [workshopId])
    return result.rowCount ?? 0
  }
}
