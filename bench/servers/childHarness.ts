/**
 * The side of a benchmarked server process that talks to the bench: it reports the URL
 * clients should use and shuts the server down when asked (or on SIGTERM).
 */
import type { Dialect } from '../lib/LeanClient'

/** What a server child tells the bench once it listens. */
export interface ReadyMessage {
  type: 'ready'
  /** WebSocket URL prefix; y-websocket clients append the document name. */
  urlPrefix: string
  dialect: Dialect
  /** Prefix the document names must carry (e.g. `s-` for Plenum sandboxes). */
  docPrefix: string
}

/** Announces readiness and wires shutdown to `stop`. */
export function serveChild(ready: Omit<ReadyMessage, 'type'>, stop: () => Promise<void>): void {
  let stopping = false
  const shutdown = async () => {
    if (stopping) return
    stopping = true
    try {
      await stop()
    } finally {
      process.exit(0)
    }
  }
  process.on('SIGTERM', shutdown)
  process.on('SIGINT', shutdown)
  process.on('message', (msg: { type?: string }) => {
    if (msg?.type === 'shutdown') void shutdown()
  })
  process.on('disconnect', () => void shutdown())
  const message: ReadyMessage = { type: 'ready', ...ready }
  process.send?.(message)
}

/** Reads an integer option from the environment the bench passes to the child. */
export function envInt(name: string, fallback: number): number {
  const value = process.env[name]
  return value ? Number(value) : fallback
}
