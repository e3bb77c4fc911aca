/**
 * Who is asking: the bearer key or token of a request resolved to a principal of the
 * workshop in the path. Every route checks in the same order: 401 without a valid secret,
 * 404 for an unknown workshop, 403 for another workshop's secret or a role not allowed.
 */
import type { Context } from 'hono'
import type { Principal } from '../domain/entities'
import type { WorkshopService } from '../domain/WorkshopService'
import { ApiError } from './ApiError'
import { bearer } from './request'

/** The principal of the request within `workshopId` (401, 404, 403 as above). */
export async function authenticate(
  c: Context,
  workshops: WorkshopService,
  workshopId: string,
): Promise<Principal> {
  const secret = bearer(c)
  if (!secret) throw new ApiError(401, 'missing Authorization: Bearer <key>')
  const principal = await workshops.authenticate(secret)
  if (!principal) throw new ApiError(401, 'unknown key or token')
  if (!(await workshops.store.getWorkshop(workshopId))) throw new ApiError(404, 'no such workshop')
  if (principal.workshopId !== workshopId) throw new ApiError(403, 'this key belongs to another workshop')
  return principal
}

/** Like `authenticate`, and 403 unless the principal's role is one of `roles`. */
export async function requireRole<R extends Principal['role']>(
  c: Context,
  workshops: WorkshopService,
  workshopId: string,
  roles: readonly R[],
): Promise<Extract<Principal, { role: R }>> {
  const principal = await authenticate(c, workshops, workshopId)
  if (!(roles as readonly string[]).includes(principal.role)) {
    throw new ApiError(
      403,
      `this needs the ${roles.join(' or ')} ${roles.includes('participant' as R) ? 'token' : 'key'}`,
    )
  }
  return principal as Extract<Principal, { role: R }>
}
