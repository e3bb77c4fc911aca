/**
 * The creation key (`CREATE_KEY`): on a hosted server, creating or importing a workshop needs
 * it, so strangers cannot fill the server with workshops. Unset, the laptop default, anyone
 * who reaches the server may create one. Compared in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { Context } from 'hono'
import { ApiError } from './ApiError'
import { bearer } from './request'

const digest = (s: string) => createHash('sha256').update(s).digest()

/** Refuses the request (401 without a key, 403 with a wrong one) unless it carries the creation key. */
export function requireCreateKey(c: Context, createKey: string | null): void {
  if (!createKey) return
  const sent = bearer(c)
  if (!sent) {
    throw new ApiError(401, 'this server needs the creation key to create or import a workshop', 'createKey')
  }
  if (!timingSafeEqual(digest(sent), digest(createKey))) {
    throw new ApiError(403, 'the creation key is not right', 'createKey')
  }
}
