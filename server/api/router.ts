/**
 * The JSON API under `/api`. Each area is a sub-router; errors of every route become
 * `{ error, field? }` with a matching status.
 */
import { Hono } from 'hono'
import type { ServerInfo } from '../../shared/api'
import type { Config } from '../config'
import { posterInitialState } from '../domain/posterSeed'
import type { WorkshopService } from '../domain/WorkshopService'
import { archiveRoutes } from '../export/archiveRoutes'
import { roundsRoutes } from '../rounds/roundsRoutes'
import type { DocumentStore } from '../storage/DocumentStore'
import type { Logger } from '../sync/types'
import { SynthesisService } from '../synthesis/SynthesisService'
import { synthesisRoutes } from '../synthesis/synthesisRoutes'
import { ApiError, errorResponse } from './ApiError'
import { registerDocumentCleanup } from './documentCleanup'
import { joinRoutes } from './joinRoutes'
import { addMountedRoutes, openApiDocument } from './openapi'
import { registerTemplateUpdates, type TemplateUpdateDeps } from './templateUpdates'
import { workshopRoutes } from './workshopRoutes'

/** What the API routes need: a `ServerContext` with the workshop service fits. */
export interface ApiContext {
  config: Config
  workshops: WorkshopService
  /** Documents and assets. */
  store: DocumentStore
  logger: Logger
  /** Closes a loaded document's connections and deletes it from storage. */
  deleteDocument?: (docName: string) => Promise<void>
  /** Server-side document edits (the room registry); without it, edited templates reach only new posters. */
  rooms?: TemplateUpdateDeps['rooms']
}

/** Builds the API router; mount it at `/api`. */
export function createApiRouter(ctx: ApiContext): Hono {
  registerDocumentCleanup(ctx)
  registerTemplateUpdates(ctx)
  const api = new Hono()
  api.onError((err, c) => errorResponse(err, c, ctx.logger))
  api.get('/openapi.json', (c) => c.json(openApiDocument()))
  api.get('/server', (c) =>
    c.json({
      createKeyRequired: ctx.config.createKey !== null,
      sandbox: ctx.config.allowSandbox,
    } satisfies ServerInfo),
  )
  api.route('/workshops', workshopRoutes(ctx))
  api.route('/', joinRoutes(ctx))
  api.route('/', archiveRoutes(ctx))
  api.route('/', roundsRoutes(ctx))
  if (ctx.rooms) {
    const { workshops, store: documents, config } = ctx
    const synthesis = new SynthesisService({
      workshops,
      documents,
      rooms: ctx.rooms,
      posterInitialState: (posterId) =>
        posterInitialState({ workshops, documents, allowSandbox: config.allowSandbox }, posterId),
    })
    api.route('/', synthesisRoutes({ workshops, synthesis }))
  }
  // Sub-routers of other areas go above this line: the catch-all answers unknown API paths
  // with JSON instead of falling through to the client app.
  api.all('*', (c) => errorResponse(new ApiError(404, `no route ${c.req.method} ${c.req.path}`), c))
  addMountedRoutes(api.routes.map((r) => ({ method: r.method, path: `/api${r.path}` })))
  return api
}
