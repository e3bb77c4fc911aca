/**
 * `--profile scale`: scale-out and capacity of Plenum.
 * 1. One instance vs two behind Redis (PostgreSQL storage for both) at the same total load;
 *    Hocuspocus one instance vs two with its Redis extension.
 * 2. Capacity: the most clients one instance serves with edit p99 < 100 ms at 1 edit/s each
 *    (the reference server measured alongside, as a yardstick for the machine).
 * 3. Reconnection spread: 400 clients, graceful restart (SIGTERM), first-to-last resync time.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../server/testing/freePort'
import { startPostgres } from '../server/testing/postgres'
import { startRedis } from '../server/testing/redis'
import { connectLoad, type RunResult, runLoad } from './lib/loadRun'
import { type ServerKind, ServerProcess } from './lib/ServerProcess'
import { round } from './lib/stats'

/** Total load of the multi-instance comparison: 50 rooms × 8 clients, 2 edits/s + 5 Hz cursors. */
const SCALE_LOAD = { rooms: 50, clientsPerRoom: 8, editsPerSecond: 2, cursorHz: 5 }
/** Capacity steps (clients, rooms of 8), tried in order until one misses the bound. */
const CAPACITY_STEPS = [16, 40, 80, 160, 320, 480, 640, 800]
const CAPACITY_P99_MS = 100
const RECONNECT_LOAD = { rooms: 50, clientsPerRoom: 8 }

/** The parts of the scale profile. */
export const SCALE_PARTS = ['multi', 'capacity', 'reconnect'] as const

/** Runs the chosen parts (all by default) and returns their figures. */
export async function runScaleProfile(durationSec: number, parts: readonly string[] = SCALE_PARTS) {
  return {
    multiInstance: parts.includes('multi') ? await multiInstance(durationSec) : null,
    capacity: parts.includes('capacity') ? await capacity(Math.min(durationSec, 15)) : null,
    reconnect: parts.includes('reconnect') ? await reconnectSpread() : null,
  }
}

async function multiInstance(durationSec: number) {
  console.log(
    `Multi-instance: ${SCALE_LOAD.rooms * SCALE_LOAD.clientsPerRoom} clients, each room's clients spread over the instances`,
  )
  const redis = await startRedis()
  const postgres = await startPostgres()
  const out: Record<string, RunResult> = {}
  try {
    const setups: Array<[string, ServerKind, number, Record<string, string>]> = [
      ['plenum ×1 (postgres)', 'plenum', 1, { BENCH_DATABASE_URL: postgres.url }],
      [
        'plenum ×2 (postgres+redis)',
        'plenum',
        2,
        { BENCH_DATABASE_URL: postgres.url, BENCH_REDIS_URL: redis.url },
      ],
      ['hocuspocus ×1', 'hocuspocus', 1, {}],
      ['hocuspocus ×2 (redis)', 'hocuspocus', 2, { BENCH_REDIS_URL: redis.url }],
    ]
    for (const [label, kind, instances, env] of setups) {
      const servers = await Promise.all(
        Array.from({ length: instances }, () => ServerProcess.start(kind, env)),
      )
      try {
        const result = await runLoad(servers, {
          ...SCALE_LOAD,
          durationSec,
          workers: 2,
          runId: `scale${instances}${Date.now()}`,
        })
        out[label] = result
        console.log(`  ${label.padEnd(28)} ${summaryLine(result)}`)
      } finally {
        await Promise.all(servers.map((s) => s.stop()))
      }
    }
  } finally {
    await postgres.stop()
    await redis.stop()
  }
  return out
}

/** Capacity of Plenum, and of the reference server on the same machine as a yardstick. */
async function capacity(durationSec: number) {
  console.log(
    `Capacity of one instance, 1 edit/s + 2 Hz cursor per client, edit p99 < ${CAPACITY_P99_MS} ms:`,
  )
  const out: Record<string, unknown> = {}
  for (const kind of ['plenum', 'reference'] as const) out[kind] = await capacityOf(kind, durationSec)
  return out
}

async function capacityOf(kind: ServerKind, durationSec: number) {
  const steps: Array<{ clients: number; result: RunResult; ok: boolean }> = []
  for (const clients of CAPACITY_STEPS) {
    const server = await ServerProcess.start(kind)
    try {
      const load = { rooms: clients / 8, clientsPerRoom: 8, editsPerSecond: 1, cursorHz: 2 }
      const result = await runLoad([server], { ...load, durationSec, workers: 2, runId: `cap${clients}` })
      const ok = result.edit.p99 < CAPACITY_P99_MS && result.roomsConverged === result.rooms
      steps.push({ clients, result, ok })
      console.log(
        `  ${kind.padEnd(9)} ${String(clients).padStart(4)} clients: ${summaryLine(result)} ${ok ? 'ok' : 'over'}`,
      )
      if (!ok) break
    } finally {
      await server.stop()
    }
  }
  const best = steps.filter((s) => s.ok).at(-1)?.clients ?? 0
  console.log(`  ${kind}: largest step within the bound: ${best} clients`)
  return { bound: `edit p99 < ${CAPACITY_P99_MS} ms`, largestClients: best, steps }
}

async function reconnectSpread() {
  const total = RECONNECT_LOAD.rooms * RECONNECT_LOAD.clientsPerRoom
  console.log(`Reconnection after a graceful restart: ${total} lean clients`)
  const port = await freePort()
  const dataDir = mkdtempSync(join(tmpdir(), 'plenum-bench-restart-'))
  const env = { BENCH_PORT: String(port), BENCH_DATA_DIR: dataDir }
  let server = await ServerProcess.start('plenum', env)
  const workers = await connectLoad([server], {
    ...RECONNECT_LOAD,
    editsPerSecond: 0,
    cursorHz: 0,
    durationSec: 0,
    workers: 2,
    runId: 'restart',
  })
  try {
    for (const w of workers) w.send({ type: 'armReconnect' })
    await Promise.all(workers.map((w) => w.next('armed', 10_000)))
    const stopAt = Date.now()
    await server.stop()
    const stoppedAt = Date.now()
    server = await ServerProcess.start('plenum', env)
    const listeningAt = Date.now()
    const reports = await Promise.all(
      workers.map((w) =>
        w.next<{ times: Array<number | null>; closeCodes: Array<number | null> }>('reconnected', 90_000),
      ),
    )
    const times = reports.flatMap((r) => r.times)
    const done = times.filter((t): t is number => t !== null)
    const codes = countBy(reports.flatMap((r) => r.closeCodes).map(String))
    const result = {
      clients: total,
      reconnected: done.length,
      shutdownMs: stoppedAt - stopAt,
      restartMs: listeningAt - stoppedAt,
      firstResyncAfterListenMs: done.length ? Math.min(...done) - listeningAt : null,
      spreadMs: done.length ? Math.max(...done) - Math.min(...done) : null,
      closeCodes: codes,
    }
    console.log(
      `  ${result.reconnected}/${total} resynced; graceful stop ${result.shutdownMs} ms, new process listening after ` +
        `${result.restartMs} ms; first resync ${result.firstResyncAfterListenMs} ms after that; first-to-last spread ` +
        `${result.spreadMs} ms; close codes ${JSON.stringify(codes)}`,
    )
    return result
  } finally {
    await Promise.all(workers.map((w) => w.exit()))
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

function summaryLine(r: RunResult): string {
  return (
    `edit p50 ${round(r.edit.p50)} ms p99 ${round(r.edit.p99)} ms | cursor p99 ${round(r.awareness.p99)} ms | ` +
    `CPU ${round(r.cpuSeconds, 2)} s | peak RSS ${round(r.peakRssMb)} MB | converged ${r.roomsConverged}/${r.rooms}`
  )
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const v of values) out[v] = (out[v] ?? 0) + 1
  return out
}
