/**
 * Runs one load against one or more started server processes: spawns load workers, steps
 * them through connect → load → settle, and measures the servers' CPU and memory meanwhile.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { LoadPlan, LoadResult, ToWorker } from '../loadWorker'
import type { ServerProcess } from './ServerProcess'
import { type LatencySummary, summarise } from './stats'

const WORKER_PATH = fileURLToPath(new URL('../loadWorker.ts', import.meta.url))

/** The shape of a load. */
export interface LoadOptions {
  rooms: number
  clientsPerRoom: number
  /** Notes each poster holds before the load starts. */
  posterNotes?: number
  editsPerSecond: number
  cursorHz: number
  durationSec: number
  /** Load generator processes; the rooms are split between them. */
  workers: number
  /** Distinguishes the document names of runs against the same server. */
  runId: string
  /** Load before the measured window (default 1 s); CPU, operations and latencies are counted after it. */
  warmupMs?: number
  /** Client implementation (Hocuspocus always gets lean clients: stock ones speak another dialect). */
  client?: 'lean' | 'stock'
}

/** The measured outcome of one load. */
export interface RunResult {
  edit: LatencySummary
  awareness: LatencySummary
  /** Server CPU seconds (all instances) during the load window. */
  cpuSeconds: number
  /** The part of `cpuSeconds` spent in the kernel (socket reads and writes, file I/O). */
  systemCpuSeconds: number
  /** Largest RSS of any instance while the load ran, in MB. */
  peakRssMb: number
  /** RSS when the load started (clients connected), in MB (summed over instances). */
  startRssMb: number
  /** RSS when the load ended, in MB (summed over instances). */
  endRssMb: number
  /** RSS of the first instance every 10 s of the load: [seconds, MB]. */
  rssTimeline: Array<[number, number]>
  editsSent: number
  /** Edits and cursor moves the clients made during the load window. */
  opsSent: number
  /**
   * Server CPU milliseconds per 1,000 client operations: comparable between runs even when a
   * busy machine keeps the load generator from reaching its nominal rate.
   */
  cpuMsPerKiloOps: number
  /**
   * Server CPU microseconds per message it had to deliver: every operation goes to the other
   * clients of its room, so an operation is `clientsPerRoom - 1` deliveries.
   */
  cpuUsPerDelivery: number
  /** Share of (edit, other client) pairs where the receiver saw that edit's own write. */
  deliveredRatio: number
  rooms: number
  roomsConverged: number
  convergenceFailures: string[]
  connectSeconds: number
  loadGeneratorCpuSeconds: number
}

/** A load generator child process. */
export class LoadWorker {
  private readonly child: ChildProcess
  private readonly inbox: Array<{ type: string; [k: string]: unknown }> = []
  private waiters: Array<() => void> = []
  private failure: Error | null = null

  constructor() {
    this.child = fork(WORKER_PATH, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.child.on('message', (msg: { type: string; message?: string }) => {
      if (msg.type === 'error') this.failure = new Error(`load worker failed: ${msg.message}`)
      else this.inbox.push(msg)
      for (const wake of this.waiters.splice(0)) wake()
    })
    this.child.on('exit', (code) => {
      this.failure ??= code === 0 ? null : new Error(`load worker exited with ${code}`)
      for (const wake of this.waiters.splice(0)) wake()
    })
  }

  /** Sends a message to the worker. */
  send(msg: ToWorker): void {
    this.child.send(msg)
  }

  /** Waits for the next message of a type (or fails when the worker does). */
  async next<T>(type: string, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const index = this.inbox.findIndex((m) => m.type === type)
      if (index >= 0) return this.inbox.splice(index, 1)[0] as T
      if (this.failure) throw this.failure
      if (Date.now() > deadline) throw new Error(`load worker: no "${type}" within ${timeoutMs} ms`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(10, deadline - Date.now()))
        this.waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  }

  /** Asks the worker to close its clients and exit. */
  async exit(): Promise<void> {
    if (this.child.exitCode !== null) return
    const exited = new Promise((resolve) => this.child.once('exit', resolve))
    this.send({ type: 'exit' })
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
  }
}

/** Spawns workers and has them connect every client of every room; returns them connected. */
export async function connectLoad(servers: ServerProcess[], opts: LoadOptions): Promise<LoadWorker[]> {
  const { dialect, docPrefix } = servers[0].ready
  const docNames = Array.from({ length: opts.rooms }, (_, r) => `${docPrefix}bench-${opts.runId}-${r}`)
  const workers = Array.from(
    { length: Math.max(1, Math.min(opts.workers, opts.rooms)) },
    () => new LoadWorker(),
  )
  workers.forEach((worker, w) => {
    const plan: LoadPlan = {
      urlPrefixes: servers.map((s) => s.ready.urlPrefix),
      dialect,
      client: opts.client ?? 'lean',
      docNames: docNames.filter((_, r) => r % workers.length === w),
      clientsPerRoom: opts.clientsPerRoom,
      posterNotes: opts.posterNotes ?? 0,
      editsPerSecond: opts.editsPerSecond,
      cursorHz: opts.cursorHz,
      durationMs: opts.durationSec * 1000,
      warmupMs: opts.warmupMs ?? 1000,
      settleTimeoutMs: 60_000,
    }
    worker.send({ type: 'plan', plan })
  })
  try {
    await Promise.all(workers.map((w) => w.next('connected', 120_000)))
  } catch (err) {
    await Promise.all(workers.map((w) => w.exit()))
    throw err
  }
  return workers
}

/** Runs one load end to end and measures it. */
export async function runLoad(servers: ServerProcess[], opts: LoadOptions): Promise<RunResult> {
  const connectStart = Date.now()
  const workers = await connectLoad(servers, opts)
  const connectSeconds = (Date.now() - connectStart) / 1000
  try {
    for (const s of servers) s.startSampling()
    const warmupMs = opts.warmupMs ?? 1000
    const measuring = Promise.all(workers.map((w) => w.next('measuring', warmupMs + 60_000)))
    for (const w of workers) w.send({ type: 'start' })
    await measuring
    const cpuStart = servers.map((s) => s.cpuTimes())
    const startRss = servers.reduce((total, s) => total + s.memory().rss, 0)
    const loadTimeout = opts.durationSec * 1000 + 60_000
    await Promise.all(workers.map((w) => w.next('loadDone', loadTimeout)))
    const cpuEnd = servers.map((s) => s.cpuTimes())
    const systemCpuSeconds = sumOf(cpuEnd, (c, i) => c.system - cpuStart[i].system)
    const cpuSeconds = systemCpuSeconds + sumOf(cpuEnd, (c, i) => c.user - cpuStart[i].user)
    const peaks = servers.map((s) => s.stopSampling())
    const endRss = servers.reduce((total, s) => total + s.memory().rss, 0)
    const results = await Promise.all(workers.map((w) => w.next<{ result: LoadResult }>('result', 60_000)))
    const merged = results.map((r) => r.result)
    const expected = sumOf(merged, (r) => r.editDeliveriesExpected)
    return {
      edit: summarise(merged.flatMap((r) => r.editLatencies)),
      awareness: summarise(merged.flatMap((r) => r.awarenessLatencies)),
      cpuSeconds,
      systemCpuSeconds,
      peakRssMb: Math.max(...peaks) / 1e6,
      startRssMb: startRss / 1e6,
      endRssMb: endRss / 1e6,
      rssTimeline: servers[0].timeline.map(([t, bytes]) => [t, Math.round(bytes / 1e5) / 10]),
      editsSent: sumOf(merged, (r) => r.editsSent),
      opsSent: sumOf(merged, (r) => r.opsSent),
      cpuMsPerKiloOps:
        (cpuSeconds * 1e6) /
        Math.max(
          1,
          sumOf(merged, (r) => r.opsSent),
        ),
      cpuUsPerDelivery:
        (cpuSeconds * 1e6) /
        Math.max(1, sumOf(merged, (r) => r.opsSent) * Math.max(1, opts.clientsPerRoom - 1)),
      deliveredRatio: expected ? sumOf(merged, (r) => r.editDeliveriesSeen) / expected : Number.NaN,
      rooms: sumOf(merged, (r) => r.rooms),
      roomsConverged: sumOf(merged, (r) => r.roomsConverged),
      convergenceFailures: merged.flatMap((r) => r.convergenceFailures),
      connectSeconds,
      loadGeneratorCpuSeconds: sumOf(merged, (r) => r.workerCpuSeconds),
    }
  } finally {
    await Promise.all(workers.map((w) => w.exit()))
  }
}

function sumOf<T>(items: T[], pick: (item: T, index: number) => number): number {
  return items.reduce((total, item, index) => total + pick(item, index), 0)
}
