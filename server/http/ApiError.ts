/**
 * The error a route throws to answer with a status and a JSON `{ error, field? }` body, and
 * how a zod error names the offending field. `errorResponse.ts` maps every error to a response.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ZodError } from 'zod'

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
