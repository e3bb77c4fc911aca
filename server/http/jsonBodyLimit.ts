/**
 * The bound on request bodies of the JSON API (`MAX_JSON_BYTES`): a body past it is answered
 * 413 with a message before it is read further, declared (`Content-Length`) or streamed. The
 * uploads (workshop import, images) have bounds of their own and are left to them.
 */
import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'

/** Routes with their own, larger bound. */
const UPLOADS = ['/api/import', '/api/assets']

/** Limits bodies under `/api` to `maxBytes`. */
export function jsonBodyLimit(maxBytes: number): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      c.json({ error: `the request body is larger than ${maxBytes} bytes; no request needs that much` }, 413),
  })
  return async (c, next) => {
    const path = c.req.path
    if (UPLOADS.some((p) => path === p || path.startsWith(`${p}/`))) return next()
    return limit(c, next)
  }
}
