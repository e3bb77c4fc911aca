/**
 * `SnapshotStore` on SQLite, in the shared `plenum.db`. A trigger refuses every UPDATE, so
 * not even a future code path can rewrite a snapshot; only deleting a workshop removes them.
 */
import { SqliteTables } from '../storage/sqliteDatabase'
import type {
  Snapshot,
  SnapshotFilter,
  SnapshotReason,
  SnapshotStore,
  SnapshotSummary,
} from './SnapshotStore'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS snapshots (
  id TEXT PRIMARY KEY,
  workshop_id TEXT NOT NULL,
  poster_id TEXT NOT NULL,
  round_id TEXT NOT NULL,
  table_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL,
  note_count INTEGER NOT NULL,
  state BLOB NOT NULL,
  records TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS snapshots_workshop ON snapshots (workshop_id, created_at);
CREATE TRIGGER IF NOT EXISTS snapshots_immutable BEFORE UPDATE ON snapshots
BEGIN SELECT RAISE(ABORT, 'snapshots are immutable'); END;
`

const SUMMARY_COLUMNS =
  'id, workshop_id, poster_id, round_id, table_id, reason, created_at, note_count, length(state) AS state_bytes'

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
    noteCount: r.note_count as number,
    stateBytes: r.state_bytes as number,
  }
}

/** Snapshots in SQLite. */
export class SqliteSnapshotStore extends SqliteTables implements SnapshotStore {
  async init(): Promise<void> {
    this.db.exec(SCHEMA)
  }

  async insert(s: Snapshot): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO snapshots (id, workshop_id, poster_id, round_id, table_id, reason, created_at, note_count, state, records, text)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
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
      )
  }

  async list(f: SnapshotFilter): Promise<SnapshotSummary[]> {
    const where = ['workshop_id = ?']
    const args: string[] = [f.workshopId]
    for (const [column, value] of [
      ['round_id', f.roundId],
      ['table_id', f.tableId],
      ['poster_id', f.posterId],
    ] as const) {
      if (!value) continue
      where.push(`${column} = ?`)
      args.push(value)
    }
    const rows = this.db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM snapshots WHERE ${where.join(' AND ')} ORDER BY created_at, rowid`,
      )
      .all(...args) as Row[]
    return rows.map(toSummary)
  }

  async get(id: string): Promise<Snapshot | null> {
    const r = this.db
      .prepare(`SELECT ${SUMMARY_COLUMNS}, state, records, text FROM snapshots WHERE id = ?`)
      .get(id) as Row | undefined
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
    return this.db.prepare('DELETE FROM snapshots WHERE workshop_id = ?').run(workshopId).changes
  }
}
