/** Rows of the series tables as both SQL stores read them (same column names in SQLite and PostgreSQL). */
import type { Homework, SeriesLink } from './SeriesStore'

/** A row as the database driver returns it. */
export type Row = Record<string, unknown>

/** A `series_links` row. */
export const toLink = (r: Row): SeriesLink => ({
  workshopId: r.workshop_id as string,
  previousWorkshopId: (r.previous_workshop_id as string | null) ?? null,
  seriesId: r.series_id as string,
})

/** A `series_homework` row. */
export const toHomework = (r: Row): Homework => ({
  workshopId: r.workshop_id as string,
  roundId: r.round_id as string,
  opensAt: r.opens_at as string,
  closesAt: r.closes_at as string,
  closedAt: (r.closed_at as string | null) ?? null,
})
