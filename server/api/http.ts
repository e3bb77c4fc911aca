/**
 * Request helpers shared by the API routes: body validation with zod, bearer authentication
 * and role checks, the client's address and the base URL for links.
 */
import type { Context } from 'hono'
import type { z } from 'zod'
import type { Principal } from '../domain/entities'
import type { WorkshopService } from '../domain/WorkshopService'
import { ApiError, describeZodError } from './ApiError'

/** Parses the JSON body with `schema`; a missing or invalid body is a 400 naming the field. */
export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let body: unknown
  try {
    body = await c.req.json()
  } catch {
    throw new ApiError(400, 'the request body must be JSON', 'body')
  }
  const result = schema.safeParse(body)
  if (!result.success) {
    const { field, message } = describeZodError(result.error)
    throw new ApiError(400, message, field)
  }
  return result.data
}

/** The bearer secret of a request, or null. */
export function bearer(c: Context): string | null {
  const header = c.req.header('authorization') ?? ''
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  return match ? match[1] : null
}

/**
 * Authenticates the request for a workshop: 401 without a valid key or token, 404 for an
 * unknown workshop, 403 for a secret of another workshop or a role not in `roles`.
 */
export async function requireRole<R extends Principal['role']>(
  c: Context,
  workshops: WorkshopService,
  workshopId: string,
  roles: readonly R[],
): Promise<Extract<Principal, { role: R }>> {
  const secret = bearer(c)
  if (!secret) throw new ApiError(401, 'missing Authorization: Bearer <key>')
  const principal = await workshops.authenticate(secret)
  if (!principal) throw new ApiError(401, 'unknown key or token')
  if (!(await workshops.store.getWorkshop(workshopId))) throw new ApiError(404, 'no such workshop')
  if (principal.workshopId !== workshopId) throw new ApiError(403, 'this key belongs to another workshop')
  if (!(roles as readonly string[]).includes(principal.role)) {
    throw new ApiError(403, `this needs the ${roles.join(' or ')} key`)
  }
  return principal as Extract<Principal, { role: R }>
}

/**
 * The client's IP address: the TCP peer, or the forwarded address when the peer is a reverse
 * proxy on this machine (otherwise every client would share one rate limit).
 */
export function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
  const remote = incoming?.socket?.remoteAddress ?? 'unknown'
  const loopback = remote === '127.0.0.1' || remote === '::1' || remote === '::ffff:127.0.0.1'
  const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim()
  return loopback && forwarded ? forwarded : remote
}

/** Base URL for links in responses: PUBLIC_URL when set, else the origin the request came to. */
export function baseUrl(c: Context, publicUrl: string | null): string {
  if (publicUrl) return publicUrl
  const host = c.req.header('host')
  const url = new URL(c.req.url)
  return host ? `${url.protocol}//${host}` : url.origin
}
