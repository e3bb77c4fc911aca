/**
 * Persistence of what links workshops into a series: which workshop follows which, the
 * homework periods between them, and which earlier posters a follow-up poster starts from.
 * Kept beside the workshop tables (same database) but in tables of its own, removed with a
 * workshop by `deleteWorkshop` (the workshop-deleted listener in server/services.ts).
 */

/** Where a workshop stands in its series. */
export interface SeriesLink {
  workshopId: string
  /** The workshop this one follows up, or null for the first of a series. */
  previousWorkshopId: string | null
  /** Id of the first workshop of the series (the series' name). */
  seriesId: string
}

/** A homework period: a round of the workshop open to its groups until `closesAt`. */
export interface Homework {
  workshopId: string
  roundId: string
  /** ISO times. */
  opensAt: string
  closesAt: string
  /** When the server closed it (locked the round and took snapshots), or null while open. */
  closedAt: string | null
}

/** Durable store of series links, homework periods and poster sources. */
export interface SeriesStore {
  /** Creates tables. Idempotent. */
  init(): Promise<void>
  /** Records (or replaces) a workshop's place in a series. */
  setLink(link: SeriesLink): Promise<void>
  /** A workshop's place in a series, or null when it stands alone. */
  getLink(workshopId: string): Promise<SeriesLink | null>
  /** Every workshop of a series, in the order they were linked. */
  listSeries(seriesId: string): Promise<SeriesLink[]>
  /** Records the earlier posters a poster of `workshopId` starts from, in order. */
  setPosterSources(workshopId: string, posterId: string, sourcePosterIds: string[]): Promise<void>
  /** The earlier posters a poster starts from (empty when none). */
  posterSources(posterId: string): Promise<string[]>
  /** Adds a homework period. */
  insertHomework(homework: Homework): Promise<void>
  /** The homework periods of a workshop, earliest first. */
  listHomework(workshopId: string): Promise<Homework[]>
  /** Every homework period not yet closed, of every workshop. */
  listOpenHomework(): Promise<Homework[]>
  /** Marks a homework period closed. */
  closeHomework(roundId: string, closedAt: string): Promise<void>
  /** Removes every row of a workshop (its link, homework and poster sources). */
  deleteWorkshop(workshopId: string): Promise<void>
  /** Releases the database when the store owns it. */
  close(): Promise<void>
}
