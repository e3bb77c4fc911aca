/**
 * Plenum's own server (`createServer`: SQLite, or PostgreSQL with `BENCH_DATABASE_URL`; Redis
 * fan-out with `BENCH_REDIS_URL`), validating and persisting every update, as a bench child.
 * The per-address connection limit is lifted: every bench client comes from 127.0.0.1.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer } from '../../server/app'
import { readConfig } from '../../server/config'
import { docKindPrefix } from '../../shared/docNames'
import { envInt, serveChild } from './childHarness'

const ownDir = !process.env.BENCH_DATA_DIR
const dataDir = process.env.BENCH_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'plenum-bench-'))
// Limits and intervals may be tuned through the usual environment variables (COMPACT_AFTER_UPDATES…).
const server = await createServer({
  ...readConfig(process.env),
  port: envInt('BENCH_PORT', 0),
  host: '127.0.0.1',
  allowSandbox: true,
  // The bench opens its posters as sandboxes from one address: no anonymous quotas here.
  maxSandboxBytes: 1024 * 1024 * 1024,
  maxSandboxesPerIp: 1_000_000,
  maxSandboxes: 1_000_000,
  dataDir,
  clientDir: join(dataDir, 'no-client'),
  databaseUrl: process.env.BENCH_DATABASE_URL ?? null,
  redisUrl: process.env.BENCH_REDIS_URL ?? null,
  maxConnectionsPerIp: 100_000,
  logLevel: 'warn',
})
const { port } = await server.listen()
serveChild(
  { urlPrefix: `ws://127.0.0.1:${port}/sync/`, dialect: 'y-websocket', docPrefix: docKindPrefix('sandbox') },
  async () => {
    await server.close()
    if (ownDir) rmSync(dataDir, { recursive: true, force: true })
  },
)
