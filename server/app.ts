/**
 * The Plenum server: one Hono app serving the sync WebSocket, the HTTP API, uploaded images,
 * health and metrics, and the built client, on one port.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { type ServerType, serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { WebSocketServer } from 'ws'
import { CloseCode } from '../shared/closeCodes'
import { apiRoutes } from './api/router'
import { assetRoutes } from './assets/assetRoutes'
import type { Config } from './config'
import { createHttpsCheck } from './http/clientAddress'
import { errorResponse } from './http/errorResponse'
import { jsonBodyLimit } from './http/jsonBodyLimit'
import { syncRoute } from './http/syncRoute'
import { type AppLogger, createLogger } from './logger'
import { securityHeaders } from './securityHeaders'
import { createServices, type ServiceOverrides, type Services } from './services'
import type { DocumentStore } from './storage/DocumentStore'
import type { RoomRegistry } from './sync/RoomRegistry'

/** Parts a caller (tests) may supply instead of the defaults. */
export interface ServerOverrides extends ServiceOverrides {
  logger?: AppLogger
}

/** A created, not yet listening, server. */
export interface PlenumServer {
  app: Hono
  services: Services
  rooms: RoomRegistry
  store: DocumentStore
  /** Starts listening on config.port (0 picks a free port). */
  listen(): Promise<{ port: number; url: string }>
  /** Stops accepting, flushes storage, closes sockets with Restarting, releases everything. */
  close(): Promise<void>
}

const RESERVED_PREFIXES = ['/api', '/sync', '/healthz', '/readyz', '/metrics']

/** Serves the built client with its SPA fallback: client routes get index.html. */
function mountClient(app: Hono, clientDir: string): void {
  const root = resolve(clientDir)
  if (!existsSync(root)) return
  app.use(
    '*',
    serveStatic({
      root,
      onFound: (path, c) => {
        // Vite puts content hashes in the names under assets/; index.html must stay fresh.
        const hashed = path.includes(`${join(root, 'assets')}`)
        c.header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache')
      },
    }),
  )
  app.get('*', async (c, next) => {
    const path = c.req.path
    if (RESERVED_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`))) return next()
    // A missing file (a path with an extension) is a 404, not the app.
    if (/\.[a-z0-9]+$/i.test(path)) return next()
    const index = join(root, 'index.html')
    if (!existsSync(index)) return next()
    c.header('Cache-Control', 'no-cache')
    return c.html(await readFile(index, 'utf8'))
  })
}

/** The HTTP app of `services`: health, metrics, assets, sync, API and the built client. */
export function createApp(services: Services): Hono {
  const { config, logger, documents, fanout, metrics } = services
  const app = new Hono()
  app.use('*', securityHeaders(createHttpsCheck(config)))
  app.use('/api/*', jsonBodyLimit(config.maxJsonBytes))
  app.onError((err, c) => errorResponse(err, c, logger))
  app.get('/healthz', (c) => c.json({ ok: true }))
  app.get('/readyz', async (c) => {
    const [storage, broker] = await Promise.all([
      documents.ping().catch(() => false),
      fanout ? fanout.ping().catch(() => false) : Promise.resolve(null),
    ])
    const ready = storage && broker !== false
    return c.json({ ready, storage, fanout: broker }, ready ? 200 : 503)
  })
  app.get('/metrics', (c) => c.text(metrics.render(), 200, { 'Content-Type': 'text/plain; version=0.0.4' }))
  app.route('/api/assets', assetRoutes(services))
  app.route('/sync', syncRoute(services))
  app.route('/api', apiRoutes(services))
  mountClient(app, config.clientDir)
  return app
}

/** How long an idle keep-alive connection stays open: longer than nginx's 60 s upstream default. */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000

/** Builds the server: services, then routes. Call `listen()` to serve. */
export async function createServer(config: Config, overrides: ServerOverrides = {}): Promise<PlenumServer> {
  const logger = overrides.logger ?? createLogger(config.logLevel)
  const services = await createServices(config, logger, overrides)
  const app = createApp(services)
  if (!existsSync(config.clientDir)) {
    logger.warn('client not built: run npm run build', { clientDir: resolve(config.clientDir) })
  }

  const wss = new WebSocketServer({
    noServer: true,
    // Frames up to 4× the limit are read and refused with MessageTooLarge; bigger ones are cut
    // off by ws itself (1009) without being buffered.
    maxPayload: config.maxMessageBytes * 4,
  })
  let http: ServerType | null = null
  let closing: Promise<void> | null = null

  return {
    app,
    services,
    rooms: services.rooms,
    store: services.documents,
    listen: () =>
      new Promise((resolveListen, reject) => {
        const server = serve(
          { fetch: app.fetch, port: config.port, hostname: config.host, websocket: { server: wss } },
          (info: AddressInfo) => {
            const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host
            resolveListen({ port: info.port, url: `http://${host}:${info.port}` })
          },
        )
        // Node closes an idle keep-alive connection after 5 s. A proxy that keeps its upstream
        // connections open longer (nginx: 60 s) or a client pool can send its next request
        // just as the server closes the socket, and gets a reset (nginx: a 502). Idle
        // connections stay open longer than the proxies in front of us keep theirs.
        if (server instanceof HttpServer) {
          server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS
          // Node's advice: the headers timeout above the keep-alive timeout.
          server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1000
        }
        server.once('error', reject)
        http = server
      }),
    close: () => {
      closing ??= (async () => {
        const server = http
        // Stop accepting first; open sockets are closed below with a reconnect code.
        const stopped = server ? new Promise<void>((r) => server.close(() => r())) : Promise.resolve()
        await services.rooms.closeAll(CloseCode.Restarting)
        for (const ws of wss.clients) ws.close(CloseCode.Restarting, 'server restarting')
        setTimeout(() => {
          for (const ws of wss.clients) ws.terminate()
          if (server && 'closeAllConnections' in server) server.closeAllConnections()
        }, 1000).unref()
        if (server && 'closeIdleConnections' in server) server.closeIdleConnections()
        await stopped
        wss.close()
        await services.close()
      })()
      return closing
    },
  }
}
