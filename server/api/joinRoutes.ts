/**
 * Participant routes: resolve a code for the join page, join a table, and ask who a token is.
 * Wrong codes are counted by `JoinGuard` (per address and code prefix, per address, in total);
 * an attempt past a limit is refused (429) without the code being checked.
 */
import { Hono } from 'hono'
import { joinRequestSchema } from '../../shared/api'
import { NotFoundError } from '../domain/DomainError'
import { ApiError } from '../http/ApiError'
import { clientAddress } from '../http/clientAddress'
import { bearer, parseBody } from '../http/request'
import type { Services } from '../services'
import { JoinGuard, joinLimits } from './JoinGuard'

/** Routes `/api/join…` and `/api/me`. */
export function joinRoutes(ctx: Services): Hono {
  const app = new Hono()
  const { workshops } = ctx
  const limiter = new JoinGuard(joinLimits(ctx.config.maxJoinAttempts, ctx.config.joinWindowMs))

  const guard = (address: string, code: string) => {
    const wait = limiter.retryAfterMs(address, code)
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000)
      throw new ApiError(429, `too many wrong codes; try again in ${seconds} s`)
    }
  }

  app.get('/join/:code', async (c) => {
    const address = clientAddress(c, ctx.resolveAddress)
    const code = c.req.param('code')
    guard(address, code)
    const resolved = await workshops.resolveCode(code)
    const view = resolved ? await workshops.publicView(resolved.workshopId, resolved.tableId) : null
    if (!view) {
      limiter.recordFailure(address, code)
      throw new ApiError(404, 'no workshop or table has this code', 'code')
    }
    return c.json(view)
  })

  app.post('/join', async (c) => {
    const address = clientAddress(c, ctx.resolveAddress)
    const input = await parseBody(c, joinRequestSchema)
    guard(address, input.code)
    try {
      const joined = await workshops.join(input.code, input.tableId, input.name)
      ctx.logger.info('participant joined', { workshopId: joined.workshopId, tableId: joined.tableId })
      return c.json(joined, 201)
    } catch (err) {
      if (err instanceof NotFoundError) {
        limiter.recordFailure(address, input.code)
        throw new ApiError(404, err.message, 'code')
      }
      throw err
    }
  })

  app.get('/me', async (c) => {
    const secret = bearer(c)
    if (!secret) throw new ApiError(401, 'missing Authorization: Bearer <token>')
    const principal = await workshops.authenticate(secret)
    if (!principal) throw new ApiError(401, 'unknown key or token')
    if (principal.role !== 'participant') throw new ApiError(403, 'this is not a participant token')
    const table = await workshops.store.getTable(principal.participant.tableId)
    return c.json({
      participantId: principal.participant.id,
      name: principal.participant.name,
      workshopId: principal.workshopId,
      tableId: principal.participant.tableId,
      tableName: table?.name ?? '',
    })
  })

  return app
}
