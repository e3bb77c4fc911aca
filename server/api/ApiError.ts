/**
 * HTTP errors of the API and how every error becomes a JSON `{ error, field? }` response.
 */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ZodError } from 'zod'
import type { ErrorBody } from '../../shared/api'
import { NotFoundError, ValidationError } from '../domain/DomainError'
import type { Logger } from '../sync/types'

/** An error answered with `status` and a JSON body naming what is wrong. */
export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    /** Offending input field, for 400 responses. */
    readonly field?: string,
  ) {
    super(message)
  }
}

type Issue = ZodError['issues'][number]

/**
 * The innermost issue: for a union (e.g. `tables`: a number or a list), the problem inside the
 * alternative the input was meant as, rather than "no alternative matched".
 */
function innermost(issue: Issue, prefix: PropertyKey[] = []): { path: PropertyKey[]; message: string } {
  const path = [...prefix, ...issue.path]
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const meant = issue.errors.find((branch) =>
      branch.some((i) => i.code !== 'invalid_type' || i.path.length > 0),
    )
    if (meant?.[0]) return innermost(meant[0], path)
  }
  return { path, message: issue.message }
}

/** The dotted path and message of the first problem in a zod error. */
export function describeZodError(error: ZodError): { field: string; message: string } {
  const issue = error.issues[0]
  if (!issue) return { field: 'body', message: 'invalid input' }
  const inner = innermost(issue)
  const field = inner.path.map(String).join('.') || 'body'
  return { field, message: `${field}: ${inner.message}` }
}

/** Maps any error thrown by a route to its JSON response; unknown errors are logged as 500. */
export function errorResponse(err: Error, c: Context, logger?: Logger): Response {
  let status: ContentfulStatusCode = 500
  let body: ErrorBody = { error: 'internal server error' }
  if (err instanceof ApiError) {
    status = err.status
    body = err.field ? { error: err.message, field: err.field } : { error: err.message }
  } else if (err instanceof ValidationError) {
    status = 400
    body = { error: `${err.field}: ${err.message}`, field: err.field }
  } else if (err instanceof NotFoundError) {
    status = 404
    body = { error: err.message }
  } else if (err instanceof HTTPException) {
    status = err.status as ContentfulStatusCode
    body = { error: err.message || 'request refused' }
  } else {
    logger?.error('api request failed', {
      path: c.req.path,
      method: c.req.method,
      error: String(err?.stack ?? err),
    })
  }
  return c.json(body, status)
}
