/**
 * Many posters' records in one response: what the wall draws first, before each tile's live
 * connection has synced. Browsers open WebSockets to one host one handshake at a time, so
 * thirty tiles waiting for their own sockets took seconds; one request takes one round trip.
 *
 * The records travel as JSON rather than as Yjs states: the browser parses JSON natively in a
 * fraction of the time Yjs needs to decode a state and rebuild the records from it (30 posters
 * × 300 notes: about 0.1 s against 1.5 s of script), and the body is half the size. Each tile's
 * Yjs document arrives over its socket afterwards, out of the first render's way.
 */
import type { JsonRecord } from './docLayout'

/** Round id that asks for the round the wall shows first (`shownRound` without a choice). */
export const CURRENT_ROUND = 'current'

/** `GET` path of a round's poster records (`roundId` may be `CURRENT_ROUND`). */
export const posterStatesPath = (workshopId: string, roundId: string) =>
  `/api/workshops/${workshopId}/rounds/${roundId}/states`

/** One poster's records as stored. */
export interface PosterRecords {
  posterId: string
  records: JsonRecord[]
}

/** Body of `GET /api/workshops/:id/rounds/:roundId/states`. */
export interface PosterStatesResponse {
  /** The round the posters belong to (the one `current` resolved to). */
  roundId: string
  /** Posters nobody has opened yet have no records and are left out. */
  posters: PosterRecords[]
}

/**
 * The round the wall shows: the chosen or current one, else the first still open, else the
 * first. The server resolves `current` with the same rule, so the states it sends early are
 * the ones the wall draws.
 */
export function shownRound<R extends { id: string; phase: string }>(
  rounds: readonly R[],
  roundId: string | null,
): R | undefined {
  return rounds.find((r) => r.id === roundId) ?? rounds.find((r) => r.phase !== 'closed') ?? rounds[0]
}

/** Reads a states body; throws on anything that is not one. */
export function parsePosterStates(body: unknown): PosterStatesResponse {
  const b = body as Partial<PosterStatesResponse> | null
  if (!b || typeof b.roundId !== 'string' || !Array.isArray(b.posters))
    throw new Error('poster states: not a states body')
  for (const p of b.posters) {
    if (!p || typeof p.posterId !== 'string' || !Array.isArray(p.records))
      throw new Error('poster states: malformed poster entry')
  }
  return b as PosterStatesResponse
}
