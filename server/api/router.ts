/**
 * The JSON API under `/api`: each area is a sub-router built from the services; the OpenAPI
 * document is assembled here from the areas' descriptions and the routes actually mounted.
 * Errors of every route become `{ error, field? }` through the app's one error mapper.
 */
import { Hono } from 'hono'
import type { ServerInfo } from '../../shared/api'
import { archiveOpenApiPaths } from '../export/archiveOpenApi'
import { archiveRoutes } from '../export/archiveRoutes'
import { ApiError } from '../http/ApiError'
import { roundsRoutes } from '../rounds/roundsRoutes'
import { seriesOpenApiPaths } from '../series/seriesOpenApi'
import { seriesRoutes } from '../series/seriesRoutes'
import type { Services } from '../services'
import { synthesisRoutes } from '../synthesis/synthesisRoutes'
import { joinRoutes } from './joinRoutes'
import { openApiDocument } from './openapi'
import { workshopRoutes } from './workshopRoutes'

/** Builds the API router; mount it at `/api`. */
export function apiRoutes(services: Services): Hono {
  const api = new Hono()
  // Served from the document assembled below, once every route is mounted.
  api.get('/openapi.json', (c) => c.json(document))
  api.get('/server', (c) =>
    c.json({
      createKeyRequired: services.config.createKey !== null,
      sandbox: services.config.allowSandbox,
      retentionDays: services.config.retentionDays,
    } satisfies ServerInfo),
  )
  api.route('/workshops', workshopRoutes(services))
  api.route('/', joinRoutes(services))
  api.route('/', archiveRoutes(services))
  api.route('/', roundsRoutes(services))
  api.route('/', synthesisRoutes(services))
  api.route('/', seriesRoutes(services))
  // Sub-routers of other areas go above this line: the catch-all answers unknown API paths
  // with JSON instead of falling through to the client app.
  api.all('*', (c) => {
    throw new ApiError(404, `no route ${c.req.method} ${c.req.path}`)
  })
  const document = openApiDocument({
    paths: [archiveOpenApiPaths, seriesOpenApiPaths],
    routes: api.routes.map((r) => ({ method: r.method, path: `/api${r.path}` })),
  })
  return api
}
