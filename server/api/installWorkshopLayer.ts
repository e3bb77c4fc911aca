/**
 * Installs the workshop layer into a created server (`ServerOverrides.extend`): the workshop
 * store and service, access control and poster seeding on the sync side, and the JSON API.
 */
import type { Hono } from 'hono'
import type { ServerContext } from '../context'
import { createWorkshopDomain } from '../domain/createWorkshopDomain'
import type { WorkshopService } from '../domain/WorkshopService'
import { createApiRouter } from './router'

/** The server context once the workshop layer is installed. */
export type WorkshopServerContext = ServerContext & { workshops: WorkshopService }

/** Installs the workshop layer; `ctx.workshops` is set and `ctx.authorize` replaced. */
export async function installWorkshopLayer(app: Hono, ctx: ServerContext): Promise<WorkshopService> {
  const workshops = await createWorkshopDomain(ctx)
  const full = Object.assign(ctx, { workshops }) as WorkshopServerContext
  app.route('/api', createApiRouter(full))
  return workshops
}
