/**
 * Calls of the round routes from the wall, presenter and posters. Paths come from
 * `shared/roundsApi.ts`, so they are written once.
 */
import type { RoundAction } from '../../shared/rounds'
import {
  type DoneRequest,
  type PresentRequest,
  type RoundActionRequest,
  roundActionPath,
  roundPaths,
  type TimerRequest,
} from '../../shared/roundsApi'

/** A refused round call, with the server's message. */
export class RoundCallError extends Error {
  override name = 'RoundCallError'
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

async function call<T>(
  path: string,
  token: string | null,
  method: 'POST' | 'DELETE' | 'GET',
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (token) headers.authorization = `Bearer ${token}`
  let res: Response
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  } catch (err) {
    throw new RoundCallError(0, (err as Error).message)
  }
  const text = await res.text()
  const json = text ? (JSON.parse(text) as unknown) : null
  if (!res.ok)
    throw new RoundCallError(res.status, (json as { error?: string } | null)?.error ?? res.statusText)
  return json as T
}

/** Round calls made with one key or token. */
export function roundsClient(workshopId: string, token: string | null) {
  return {
    act: (roundId: string, action: RoundAction, body: RoundActionRequest = {}) =>
      call<{ phase: string }>(roundActionPath(workshopId, roundId, action), token, 'POST', body),
    timer: (body: TimerRequest) => call(roundPaths.timer(workshopId), token, 'POST', body),
    present: (body: PresentRequest) => call(roundPaths.present(workshopId), token, 'POST', body),
    next: () => call<{ tableId: string }>(roundPaths.presentNext(workshopId), token, 'POST'),
    previous: () => call<{ tableId: string }>(roundPaths.presentPrevious(workshopId), token, 'POST'),
    done: (body: DoneRequest) => call(roundPaths.done(workshopId), token, 'POST', body),
    snapshot: () => call<{ snapshots: number }>(roundPaths.snapshotRound(workshopId), token, 'POST'),
    vote: (posterId: string, noteId: string) =>
      call(roundPaths.votes(workshopId), token, 'POST', { posterId, noteId }),
    unvote: (posterId: string, noteId: string) =>
      call(`${roundPaths.votes(workshopId)}/${posterId}/${encodeURIComponent(noteId)}`, token, 'DELETE'),
  }
}

/** The calls of `roundsClient`. */
export type RoundsClient = ReturnType<typeof roundsClient>
