/**
 * Test helper: the API router on a real HTTP server on a free loopback port, with its own
 * data folder. The full server (with sync) is used where WebSockets matter.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { type Config, defaultConfig } from '../config'
import { SqliteWorkshopStore } from '../domain/SqliteWorkshopStore'
import { WorkshopService } from '../domain/WorkshopService'
import { SqliteDocumentStore } from '../storage/SqliteDocumentStore'
import type { Logger } from '../sync/types'
import { createApiRouter } from './router'

/** A running API server for tests. */
export interface ApiTestServer {
  url: string
  workshops: WorkshopService
  documents: SqliteDocumentStore
  close(): Promise<void>
}

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} }

/** Starts the API on port 0. */
export async function startApiTestServer(overrides: Partial<Config> = {}): Promise<ApiTestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'plenum-api-'))
  const config: Config = {
    ...defaultConfig,
    port: 0,
    host: '127.0.0.1',
    dataDir,
    logLevel: 'silent',
    ...overrides,
  }
  const store = new SqliteWorkshopStore(join(dataDir, 'plenum.db'))
  await store.init()
  const documents = new SqliteDocumentStore(dataDir)
  await documents.init()
  const workshops = new WorkshopService(store)
  const app = new Hono().route(
    '/api',
    createApiRouter({ config, workshops, store: documents, logger: quiet }),
  )
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    workshops,
    documents,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await documents.close()
      await store.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
