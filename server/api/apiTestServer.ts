/**
 * Test helper: the whole Plenum server on a free loopback port with its own data folder.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer, type PlenumServer } from '../app'
import { type Config, defaultConfig } from '../config'
import type { RetentionSweeper } from '../domain/RetentionSweeper'
import type { WorkshopService } from '../domain/WorkshopService'
import type { SandboxSweeper } from '../sandbox/SandboxSweeper'
import type { DocumentStore } from '../storage/DocumentStore'

/** A running server for tests. */
export interface ApiTestServer {
  url: string
  /** The server itself (its services, store and rooms). */
  server: PlenumServer
  /** The server's data folder (holds plenum.db). */
  dataDir: string
  workshops: WorkshopService
  documents: DocumentStore
  /** The retention sweep, when `retentionDays` is set. */
  retention: RetentionSweeper | null
  /** The sweep of idle sandbox posters. */
  sandboxes: SandboxSweeper
  /** A JSON call: POST with `body`, GET without; `key` as bearer token; throws on an error status. */
  api<T>(path: string, body?: unknown, key?: string): Promise<T>
  close(): Promise<void>
}

/** Starts a server on port 0 with `overrides` over the defaults. */
export async function startApiTestServer(overrides: Partial<Config> = {}): Promise<ApiTestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'plenum-api-'))
  const config: Config = {
    ...defaultConfig,
    port: 0,
    host: '127.0.0.1',
    dataDir,
    clientDir: join(dataDir, 'no-client'),
    logLevel: 'silent',
    ...overrides,
  }
  const server = await createServer(config)
  const { url } = await server.listen()
  return {
    url,
    server,
    dataDir,
    workshops: server.services.workshops,
    documents: server.store,
    retention: server.services.retention,
    sandboxes: server.services.sandboxSweeper,
    api: async <T>(path: string, body?: unknown, key?: string): Promise<T> => {
      const res = await fetch(`${url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
      return (await res.json()) as T
    },
    close: async () => {
      await server.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** How a test call is made: JSON `body` (POST unless `method`), `key` as bearer token. */
export type ApiCallInit = { body?: unknown; key?: string; method?: string }

/** `call` (the raw response) and `api` (the JSON, throwing on an error status) against `/api` of the server at `url()`, read at each call. */
export function apiCalls(url: () => string) {
  async function call(path: string, init: ApiCallInit = {}): Promise<Response> {
    return fetch(`${url()}/api${path}`, {
      method: init.method ?? (init.body ? 'POST' : 'GET'),
      headers: {
        'content-type': 'application/json',
        ...(init.key ? { authorization: `Bearer ${init.key}` } : {}),
      },
      body: init.body ? JSON.stringify(init.body) : undefined,
    })
  }
  async function api<T>(path: string, init: ApiCallInit = {}): Promise<T> {
    const res = await call(path, init)
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
    return (await res.json()) as T
  }
  return { call, api }
}
