/** `SeriesStore` on SQLite, in `plenum.db` beside the workshop tables. */
import { SqliteTables } from '../storage/sqliteDatabase'
import type { Homework, SeriesLink, SeriesStore } from './SeriesStore'
import { type Row, toHomework, toLink } from './seriesRows'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS series_links (
  workshop_id TEXT PRIMARY KEY,
  previous_workshop_id TEXT,
  series_id TEXT NOT NULL,
  seq INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS series_links_series ON series_links(series_id, seq);
CREATE TABLE IF NOT EXISTS series_homework (
  round_id TEXT PRIMARY KEY,
  workshop_id TEXT NOT NULL,
  opens_at TEXT NOT NULL,
  closes_at TEXT NOT NULL,
  closed_at TEXT
);
CREATE INDEX IF NOT EXISTS series_homework_workshop ON series_homework(workshop_id);
CREATE TABLE IF NOT EXISTS series_poster_sources (
  poster_id TEXT NOT NULL,
  workshop_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  source_poster_id TEXT NOT NULL,
  PRIMARY KEY (poster_id, position)
);
CREATE INDEX IF NOT EXISTS series_poster_sources_workshop ON series_poster_sources(workshop_id);
`

/** SQLite implementation of `SeriesStore`. */
export class SqliteSeriesStore extends SqliteTables implements SeriesStore {
  async init(): Promise<void> {
    this.db.exec(SCHEMA)
  }

  async setLink(link: SeriesLink): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO series_links (workshop_id, previous_workshop_id, series_id, seq)
         VALUES (?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM series_links))
         ON CONFLICT (workshop_id) DO UPDATE SET previous_workshop_id = excluded.previous_workshop_id,
           series_id = excluded.series_id`,
      )
      .run(link.workshopId, link.previousWorkshopId, link.seriesId)
  }

  async getLink(workshopId: string): Promise<SeriesLink | null> {
    const row = this.db.prepare('SELECT * FROM series_links WHERE workshop_id = ?').get(workshopId) as
      | Row
      | undefined
    return row ? toLink(row) : null
  }

  async listSeries(seriesId: string): Promise<SeriesLink[]> {
    const rows = this.db.prepare('SELECT * FROM series_links WHERE series_id = ? ORDER BY seq').all(seriesId)
    return (rows as Row[]).map(toLink)
  }

  async setPosterSources(workshopId: string, posterId: string, sourcePosterIds: string[]): Promise<void> {
    const insert = this.db.prepare(
      `INSERT INTO series_poster_sources (poster_id, workshop_id, position, source_poster_id)
       VALUES (?, ?, ?, ?)`,
    )
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM series_poster_sources WHERE poster_id = ?').run(posterId)
      for (const [i, source] of sourcePosterIds.entries()) insert.run(posterId, workshopId, i, source)
    })()
  }

  async posterSources(posterId: string): Promise<string[]> {
    const rows = this.db
      .prepare('SELECT source_poster_id FROM series_poster_sources WHERE poster_id = ? ORDER BY position')
      .all(posterId) as Row[]
    return rows.map((r) => r.source_poster_id as string)
  }

  async insertHomework(h: Homework): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO series_homework (round_id, workshop_id, opens_at, closes_at, closed_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(h.roundId, h.workshopId, h.opensAt, h.closesAt, h.closedAt)
  }

  async listHomework(workshopId: string): Promise<Homework[]> {
    const rows = this.db
      .prepare('SELECT * FROM series_homework WHERE workshop_id = ? ORDER BY opens_at')
      .all(workshopId) as Row[]
    return rows.map(toHomework)
  }

  async listOpenHomework(): Promise<Homework[]> {
    const rows = this.db
      .prepare('SELECT * FROM series_homework WHERE closed_at IS NULL ORDER BY closes_at')
      .all() as Row[]
    return rows.map(toHomework)
  }

  async closeHomework(roundId: string, closedAt: string): Promise<void> {
    this.db
      .prepare('UPDATE series_homework SET closed_at = ? WHERE round_id = ? AND closed_at IS NULL')
      .run(closedAt, roundId)
  }

  async deleteWorkshop(workshopId: string): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM series_links WHERE workshop_id = ?').run(workshopId)
      this.db.prepare('DELETE FROM series_homework WHERE workshop_id = ?').run(workshopId)
      this.db.prepare('DELETE FROM series_poster_sources WHERE workshop_id = ?').run(workshopId)
    })()
  }
}
