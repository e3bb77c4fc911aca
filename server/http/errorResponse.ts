/**
 * The one place where an error thrown by any route becomes a JSON `{ error, field? }` response
 * with its status: installed once as the app's `onError`. Domain errors carry their meaning
 * (not found, invalid, conflict); this table turns them into HTTP.
 */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ErrorBody } from '../../shared/api'
import { PhaseTransitionError } from '../../shared/rounds'
import { NotFoundError, ValidationError } from '../domain/DomainError'
import { SnapshotError } from '../export/SnapshotService'
import { ImportError } from '../export/workshopImport'
import { RoundError } from '../rounds/RoundError'
import type { Logger } from '../sync/types'
import { ApiError } from './ApiError'

/** Status and body for a known error, or null for an unexpected one. */
function httpErrorOf(err: Error): { status: ContentfulStatusCode; body: ErrorBody } | null {
  if (err instanceof ApiError) {
    return {
      status: err.status,
      body: err.field ? { error: err.message, field: err.field } : { error: err.message },
    }
  }
  if (err instanceof ValidationError) {
    return { status: 400, body: { error: `${err.field}: ${err.message}`, field: err.field } }
  }
  if (err instanceof NotFoundError) return { status: 404, body: { error: err.message } }
  if (err instanceof RoundError || err instanceof SnapshotError) {
    return { status: err.status, body: { error: err.message } }
  }
  if (err instanceof PhaseTransitionError) return { status: 409, body: { error: err.message } }
  if (err instanceof ImportError) return { status: 400, body: { error: err.message, field: 'file' } }
  if (err instanceof HTTPException) {
    return { status: err.status as ContentfulStatusCode, body: { error: err.message || 'request refused' } }
  }
  return null
}

/** Maps any error thrown by a route to its JSON response; unexpected errors are logged as 500. */
export function errorResponse(err: Error, c: Context, logger?: Logger): Response {
  const known = httpErrorOf(err)
  if (known) return c.json(known.body, known.status)
  logger?.error('request failed', {
    path: c.req.path,
    method: c.req.method,
    error: String(err?.stack ?? err),
  })
  return c.json({ error: 'internal server error' } satisfies ErrorBody, 500)
}
