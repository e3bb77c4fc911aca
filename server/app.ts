/**
 * The Plenum server: one Hono app serving the sync WebSocket, the HTTP API, uploaded images,
 * health and metrics, and the built client, on one port.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { type ServerType, serve } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { WebSocketServer } from 'ws'
import { CloseCode } from '../shared/closeCodes'
import { DocKind, parseDocName } from '../shared/docNames'
import { createApiRouter } from './api/router'
import { createAssetRoutes } from './assets/assetRoutes'
import type { Config } from './config'
import type { ServerContext } from './context'
import { createWorkshopDomain } from './domain/createWorkshopDomain'
import type { WorkshopService } from './domain/WorkshopService'
import { jsonBodyLimit } from './http/jsonBodyLimit'
import { type AppLogger, createLogger } from './logger'
import { Metrics } from './metrics'
import { securityHeaders } from './securityHeaders'
import { createDocumentStore } from './storage/createDocumentStore'
import type { DocumentStore } from './storage/DocumentStore'
import { RedisFanout } from './sync/RedisFanout'
import { RoomRegistry } from './sync/RoomRegistry'
import { mountSyncRoute } from './sync/syncRoute'
import type { Access, Authorize, Fanout, RoomHooks } from './sync/types'

/** Parts a caller (tests, the workshop layer) may supply instead of the defaults. */
export interface ServerOverrides {
  /** Storage; by default the configured SQLite or PostgreSQL store. Not closed by `close()`. */
  store?: DocumentStore
  /** Fan-out; by default Redis when REDIS_URL is set. */
  fanout?: Fanout | null
  /** Access decision for every WebSocket; by default only sandbox documents open. */
  authorize?: Authorize
  /** Room hooks (seeding, activity). */
  hooks?: RoomHooks
  logger?: AppLogger
  /** Mounts more routes (the workshop API) once the context exists, before listening. */
  extend?(app: Hono, ctx: ServerContext): void | Promise<void>
}

/** A created, not yet listening, server. */
export interface PlenumServer {
  app: Hono
  ctx: ServerContext
  rooms: RoomRegistry
  store: DocumentStore
  /** Starts listening on config.port (0 picks a free port). */
  listen(): Promise<{ port: number; url: string }>
  /** Stops accepting, flushes storage, closes sockets with Restarting, releases everything. */
  close(): Promise<void>
}

/** Thrown by the default `Authorize` for anything but an enabled sandbox. */
class SandboxOnlyError extends Error {
  override name = 'SandboxOnlyError'
  constructor(readonly closeCode: number) {
    super('only sandbox documents are open on this server')
  }
}

/** Access when no workshop layer is installed: sandbox documents are open read-write. */
export function sandboxAuthorize(config: Pick<Config, 'allowSandbox'>): Authorize {
  return async (docName) => {
    if (parseDocName(docName)?.kind === DocKind.Sandbox && config.allowSandbox) {
      return { role: 'sandbox', canWrite: () => true } satisfies Access
    }
    throw new SandboxOnlyError(CloseCode.Forbidden)
  }
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

/** Builds the server: storage, rooms, routes. Call `listen()` to serve. */
export async function createServer(config: Config, overrides: ServerOverrides = {}): Promise<PlenumServer> {
  const logger = overrides.logger ?? createLogger(config.logLevel)
  const ownsStore = !overrides.store
  const store = overrides.store ?? (await createDocumentStore(config))
  const metrics = new Metrics()
  let rooms: RoomRegistry | null = null
  const fanout =
    overrides.fanout !== undefined
      ? overrides.fanout
      : config.redisUrl
        ? new RedisFanout(config.redisUrl, {
            logger: logger.child({ part: 'fanout' }),
            onResubscribed: (docNames) => void rooms?.resync(docNames),
          })
        : null
  const hooks: RoomHooks = { ...(overrides.hooks ?? {}) }
  const ctx: ServerContext = {
    config,
    logger,
    store,
    metrics,
    fanout,
    authorize: overrides.authorize ?? sandboxAuthorize(config),
    hooks,
    rooms: null as unknown as RoomRegistry,
    workshops: null as unknown as WorkshopService,
    deleteDocument: (docName) => ctx.rooms.deleteDocument(docName),
  }
  // The registry reads ctx.hooks at call time, so the workshop layer may install its own later.
  rooms = new RoomRegistry({
    store,
    config,
    logger: logger.child({ part: 'sync' }),
    fanout,
    observer: metrics,
    hooks: {
      initialState: async (docName) => (ctx.hooks.initialState ? ctx.hooks.initialState(docName) : null),
      upgrade: (docName, doc) => ctx.hooks.upgrade?.(docName, doc) ?? null,
      onUpdate: (docName, update, access) => ctx.hooks.onUpdate?.(docName, update, access),
      onConnectionsChanged: (docName, n) => ctx.hooks.onConnectionsChanged?.(docName, n),
    },
  })
  ctx.rooms = rooms
  // The workshop layer installs its access control and poster seeding into the context.
  ctx.workshops = await createWorkshopDomain(ctx)
  if (overrides.authorize) ctx.authorize = overrides.authorize
  if (overrides.hooks?.initialState) ctx.hooks.initialState = overrides.hooks.initialState
  metrics.setSources({ rooms: () => ctx.rooms.size, connections: () => ctx.rooms.connectionCount })

  const app = new Hono()
  const overHttps = config.publicUrl?.startsWith('https:') ?? false
  app.use(
    '*',
    securityHeaders((c) => overHttps || new URL(c.req.url).protocol === 'https:'),
  )
  app.use('/api/*', jsonBodyLimit(config.maxJsonBytes))
  app.onError((err, c) => {
    if (err instanceof HTTPException) return c.json({ error: err.message }, err.status)
    logger.error('request failed', { path: c.req.path, error: String(err) })
    return c.json({ error: 'internal error' }, 500)
  })
  app.get('/healthz', (c) => c.json({ ok: true }))
  app.get('/readyz', async (c) => {
    const [storage, broker] = await Promise.all([
      store.ping().catch(() => false),
      fanout ? fanout.ping().catch(() => false) : Promise.resolve(null),
    ])
    const ready = storage && broker !== false
    return c.json({ ready, storage, fanout: broker }, ready ? 200 : 503)
  })
  app.get('/metrics', (c) => c.text(metrics.render(), 200, { 'Content-Type': 'text/plain; version=0.0.4' }))
  app.route('/api/assets', createAssetRoutes(ctx))
  mountSyncRoute(app, ctx)
  await overrides.extend?.(app, ctx)
  app.route('/api', createApiRouter(ctx))
  mountClient(app, config.clientDir)
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
    ctx,
    rooms,
    store,
    listen: () =>
      new Promise((resolveListen, reject) => {
        const server = serve(
          { fetch: app.fetch, port: config.port, hostname: config.host, websocket: { server: wss } },
          (info: AddressInfo) => {
            const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host
            resolveListen({ port: info.port, url: `http://${host}:${info.port}` })
          },
        )
        server.once('error', reject)
        http = server
      }),
    close: () => {
      closing ??= (async () => {
        const server = http
        // Stop accepting first; open sockets are closed below with a reconnect code.
        const stopped = server ? new Promise<void>((r) => server.close(() => r())) : Promise.resolve()
        await ctx.rooms.closeAll(CloseCode.Restarting)
        for (const ws of wss.clients) ws.close(CloseCode.Restarting, 'server restarting')
        setTimeout(() => {
          for (const ws of wss.clients) ws.terminate()
          if (server && 'closeAllConnections' in server) server.closeAllConnections()
        }, 1000).unref()
        if (server && 'closeIdleConnections' in server) server.closeIdleConnections()
        await stopped
        wss.close()
        await fanout?.close().catch((err) => logger.warn('fanout close failed', { error: String(err) }))
        await ctx.workshops.store
          .close()
          .catch((err) => logger.warn('workshop store close failed', { error: String(err) }))
        if (ownsStore) await store.close()
      })()
      return closing
    },
  }
}
