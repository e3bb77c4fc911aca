/** `SeriesStore` on PostgreSQL, shared by every server instance. */
import { type PostgresMigration, runPostgresMigrations } from '../storage/postgresMigrations'
import { PostgresTables } from '../storage/postgresPool'
import type { Homework, SeriesLink, SeriesStore } from './SeriesStore'
import { type Row, toHomework, toLink } from './seriesRows'

/** Schema history of the series tables; append new steps, never edit released ones. */
export const seriesStoreMigrations: readonly PostgresMigration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE series_links (
        workshop_id TEXT PRIMARY KEY,
        previous_workshop_id TEXT,
        series_id TEXT NOT NULL,
        seq BIGSERIAL NOT NULL
      );
      CREATE INDEX series_links_series ON series_links (series_id, seq);
      CREATE TABLE series_homework (
        round_id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL,
        opens_at TEXT NOT NULL,
        closes_at TEXT NOT NULL,
        closed_at TEXT
      );
      CREATE INDEX series_homework_workshop ON series_homework (workshop_id);
      CREATE TABLE series_poster_sources (
        poster_id TEXT NOT NULL,
        workshop_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        source_poster_id TEXT NOT NULL,
        PRIMARY KEY (poster_id, position)
      );
      CREATE INDEX series_poster_sources_workshop ON series_poster_sources (workshop_id);
    `,
  },
]

/** PostgreSQL implementation of `SeriesStore`. */
export class PostgresSeriesStore extends PostgresTables implements SeriesStore {
  async init(): Promise<void> {
    await runPostgresMigrations(this.pool, 'series', seriesStoreMigrations)
  }

  async setLink(link: SeriesLink): Promise<void> {
    await this.pool.query(
      `INSERT INTO series_links (workshop_id, previous_workshop_id, series_id) VALUES ($1, $2, $3)
       ON CONFLICT (workshop_id) DO UPDATE SET previous_workshop_id = EXCLUDED.previous_workshop_id,
         series_id = EXCLUDED.series_id`,
      [link.workshopId, link.previousWorkshopId, link.seriesId],
    )
  }

  async getLink(workshopId: string): Promise<SeriesLink | null> {
    const { rows } = await this.pool.query('SELECT * FROM series_links WHERE workshop_id = $1', [workshopId])
    return rows[0] ? toLink(rows[0]) : null
  }

  async listSeries(seriesId: string): Promise<SeriesLink[]> {
    const { rows } = await this.pool.query('SELECT * FROM series_links WHERE series_id = $1 ORDER BY seq', [
      seriesId,
    ])
    return rows.map(toLink)
  }

  async setPosterSources(workshopId: string, posterId: string, sourcePosterIds: string[]): Promise<void> {
    const client = await this.pool.connect()
    try {
      await client.query('BEGIN')
      await client.query('DELETE FROM series_poster_sources WHERE poster_id = $1', [posterId])
      for (const [i, source] of sourcePosterIds.entries()) {
        await client.query(
          `INSERT INTO series_poster_sources (poster_id, workshop_id, position, source_poster_id)
           VALUES ($1, $2, $3, $4)`,
          [posterId, workshopId, i, source],
        )
      }
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      throw error
    } finally {
      client.release()
    }
  }

  async posterSources(posterId: string): Promise<string[]> {
    const { rows } = await this.pool.query(
      'SELECT source_poster_id FROM series_poster_sources WHERE poster_id = $1 ORDER BY position',
      [posterId],
    )
    return rows.map((r: Row) => r.source_poster_id as string)
  }

  async insertHomework(h: Homework): Promise<void> {
    await this.pool.query(
      'INSERT INTO series_homework (round_id, workshop_id, opens_at, closes_at, closed_at) VALUES ($1, $2, $3, $4, $5)',
      [h.roundId, h.workshopId, h.opensAt, h.closesAt, h.closedAt],
    )
  }

  async listHomework(workshopId: string): Promise<Homework[]> {
    const { rows } = await this.pool.query(
      'SELECT * FROM series_homework WHERE workshop_id = $1 ORDER BY opens_at',
      [workshopId],
    )
    return rows.map(toHomework)
  }

  async listOpenHomework(): Promise<Homework[]> {
    const { rows } = await this.pool.query(
      'SELECT * FROM series_homework WHERE closed_at IS NULL ORDER BY closes_at',
    )
    return rows.map(toHomework)
  }

  async closeHomework(roundId: string, closedAt: string): Promise<void> {
    await this.pool.query(
      'UPDATE series_homework SET closed_at = $1 WHERE round_id = $2 AND closed_at IS NULL',
      [closedAt, roundId],
    )
  }

  async deleteWorkshop(workshopId: string): Promise<void> {
    const client = await this.pool.connect()
    try {
      await client.query('BEGIN')
      for (const table of ['series_links', 'series_homework', 'series_poster_sources']) {
        await client.query(`DELETE FROM ${table} WHERE workshop_id = $1`, [workshopId])
      }
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      throw error
    } finally {
      client.release()
    }
  }
}
