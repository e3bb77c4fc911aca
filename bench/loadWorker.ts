/**
 * Load generator process: opens rooms of lean clients against one server, makes note moves and
 * cursor moves at a set rate, and measures how long each takes to reach every other client of
 * its room. All clients of a room live in this process, so one clock times send and receipt.
 * Driven by the bench over IPC: plan → connected → start → measuring → loadDone → result.
 */
import { performance } from 'node:perf_hooks'
import type { Dialect } from './lib/LeanClient'
import { RoomLoad } from './lib/RoomLoad'

/** What one worker runs. */
export interface LoadPlan {
  /** One URL prefix per server instance; client i of a room uses prefix i mod n. */
  urlPrefixes: string[]
  dialect: Dialect
  /** Lean clients, or stock `WebsocketProvider`s (y-websocket dialect only). */
  client: 'lean' | 'stock'
  /** Document names of the rooms this worker drives. */
  docNames: string[]
  clientsPerRoom: number
  /** Notes written to each poster before the load starts (a poster at the end of a round). */
  posterNotes: number
  editsPerSecond: number
  cursorHz: number
  /** How long the load runs after the warm-up: the window everything is measured over. */
  durationMs: number
  /**
   * Load before the measured window: the servers' JIT compilers are busiest in the first
   * seconds, so a long warm-up shows the steady cost of a server that runs all day.
   */
  warmupMs: number
  /** Longest wait for rooms to converge after the load stops. */
  settleTimeoutMs: number
}

/** What a worker reports after a run. */
export interface LoadResult {
  editLatencies: number[]
  awarenessLatencies: number[]
  editsSent: number
  /** Edits and cursor moves made in the measured window (after the warm-up). */
  opsSent: number
  editDeliveriesExpected: number
  editDeliveriesSeen: number
  rooms: number
  roomsConverged: number
  convergenceFailures: string[]
  workerCpuSeconds: number
}

/** Messages the bench sends to a worker. */
export type ToWorker =
  | { type: 'plan'; plan: LoadPlan }
  | { type: 'start' }
  | { type: 'armReconnect' }
  | { type: 'exit' }

const CONNECT_CONCURRENCY = 40
const RECONNECT_TIMEOUT_MS = 60_000

let rooms: RoomLoad[] = []
let plan: LoadPlan

process.on('message', (msg: ToWorker) => {
  void handle(msg).catch((err) => {
    process.send?.({
      type: 'error',
      message: err instanceof Error ? (err.stack ?? err.message) : String(err),
    })
  })
})

async function handle(msg: ToWorker): Promise<void> {
  if (msg.type === 'plan') {
    plan = msg.plan
    const started = performance.now()
    rooms = plan.docNames.map((docName) => new RoomLoad(docName, plan))
    const clients = rooms.flatMap((room) => room.createClients())
    for (let i = 0; i < clients.length; i += CONNECT_CONCURRENCY) {
      await Promise.all(clients.slice(i, i + CONNECT_CONCURRENCY).map((c) => c.connect()))
    }
    await Promise.all(rooms.map((room) => room.seedNotes()))
    process.send?.({ type: 'connected', connectMs: performance.now() - started })
  } else if (msg.type === 'start') {
    const recordFrom = performance.now() + plan.warmupMs
    for (const room of rooms) room.start(recordFrom)
    await sleep(plan.warmupMs)
    process.send?.({ type: 'measuring' })
    const cpuStart = process.cpuUsage()
    await sleep(plan.durationMs)
    for (const room of rooms) room.stop()
    process.send?.({ type: 'loadDone' })
    const settled = await Promise.all(rooms.map((room) => room.settle(plan.settleTimeoutMs)))
    const cpu = process.cpuUsage(cpuStart)
    const result: LoadResult = {
      editLatencies: rooms.flatMap((r) => r.editLatencies),
      awarenessLatencies: rooms.flatMap((r) => r.awarenessLatencies),
      editsSent: sum(rooms.map((r) => r.editsRecorded)),
      opsSent: sum(rooms.map((r) => r.opsSent)),
      editDeliveriesExpected: sum(rooms.map((r) => r.editsRecorded * (plan.clientsPerRoom - 1))),
      editDeliveriesSeen: sum(rooms.map((r) => r.editLatencies.length)),
      rooms: rooms.length,
      roomsConverged: settled.filter((failure) => failure === null).length,
      convergenceFailures: settled.filter((f): f is string => f !== null).slice(0, 10),
      workerCpuSeconds: (cpu.user + cpu.system) / 1e6,
    }
    process.send?.({ type: 'result', result })
  } else if (msg.type === 'armReconnect') {
    const clients = rooms.flatMap((room) => room.clients)
    const closesBefore = clients.map((c) => c.client.closeCodes.length)
    const pending = clients.map(
      (c) =>
        new Promise<number | null>((resolve) => {
          const timer = setTimeout(() => resolve(null), RECONNECT_TIMEOUT_MS)
          c.client.onSynced = () => {
            clearTimeout(timer)
            c.client.onSynced = null
            resolve(Date.now())
          }
        }),
    )
    process.send?.({ type: 'armed' })
    const times = await Promise.all(pending)
    // The first close after arming is the server's; later ones are refused reconnect attempts.
    const closeCodes = clients.map((c, i) => c.client.closeCodes[closesBefore[i]] ?? null)
    process.send?.({ type: 'reconnected', times, closeCodes })
  } else if (msg.type === 'exit') {
    for (const room of rooms) room.destroy()
    setTimeout(() => process.exit(0), 100)
  }
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0)
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
