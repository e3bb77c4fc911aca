/**
 * Reading a request: the JSON body validated with zod, the bearer secret, and the base URL
 * for links in responses.
 */
import type { Context } from 'hono'
import type { z } from 'zod'
import { ApiError, describeZodError } from './ApiError'

/** How `parseBody` treats an empty body. */
export interface BodyOptions {
  /** Read an empty body as `{}` (actions whose every field is optional). */
  emptyIsObject?: boolean
}

/** Parses the JSON body with `schema`; a missing or invalid body is a 400 naming the field. */
export async function parseBody<S extends z.ZodType>(
  c: Context,
  schema: S,
  options: BodyOptions = {},
): Promise<z.output<S>> {
  let body: unknown
  const text = await c.req.text()
  if (options.emptyIsObject && !text.trim()) {
    body = {}
  } else {
    try {
      body = JSON.parse(text)
    } catch {
      throw new ApiError(400, 'the request body must be JSON', 'body')
    }
  }
  const result = schema.safeParse(body)
  if (!result.success) {
    const { field, message } = describeZodError(result.error)
    throw new ApiError(400, message, field)
  }
  return result.data
}

/** The bearer secret of a request (`Authorization: Bearer <secret>`), or null. */
export function bearer(c: Context): string | null {
  const header = c.req.header('authorization') ?? ''
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  return match ? match[1] : null
}

/** Base URL for links in responses: PUBLIC_URL when set, else the origin the request came to. */
export function baseUrl(c: Context, publicUrl: string | null): string {
  if (publicUrl) return publicUrl
  const host = c.req.header('host')
  const url = new URL(c.req.url)
  return host ? `${url.protocol}//${host}` : url.origin
}
