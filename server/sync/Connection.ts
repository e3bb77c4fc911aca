/**
 * One client's connection to a room: its socket, what it may do, and the awareness client ids
 * it announced (removed for everyone when it leaves).
 */
import { CloseCode, type CloseCodeValue, CloseReason } from '../../shared/closeCodes'
import type { Access, SyncSocket } from './types'

/** Socket readyState of an open WebSocket. */
const OPEN = 1

/** Counters a connection reports to; implemented by the metrics registry. */
export interface ConnectionObserver {
  /** A frame was sent to a client. */
  sent?(bytes: number): void
  /** A connection was closed by the server with a code. */
  closedWith?(code: number): void
}

/** A client connection inside a room. */
export class Connection {
  /** Awareness client ids this connection has announced. */
  readonly awarenessClients = new Set<number>()
  /** Sync step 2 answers still waiting for storage; later answers queue behind them. */
  replies: Promise<void> | null = null
  private closedCode: number | null = null

  constructor(
    readonly socket: SyncSocket,
    readonly access: Access,
    private readonly maxBufferedBytes: number,
    private readonly observer: ConnectionObserver = {},
    /** Called once when the server closes the connection (the room drops it at once). */
    private readonly onClosed: (conn: Connection) => void = () => {},
  ) {}

  /** True once the server closed the connection or the socket is no longer open. */
  get closed(): boolean {
    return this.closedCode !== null || this.socket.readyState > OPEN
  }

  /** The close code the server used, or null. */
  get closeCode(): number | null {
    return this.closedCode
  }

  /**
   * Sends a frame unless the client has stopped reading: a socket whose buffer grew past the
   * bound is closed as a slow consumer rather than letting the server's memory grow. A
   * connection that may no longer read the document is closed with `Forbidden` instead.
   */
  send(frame: Uint8Array): void {
    if (this.closed || this.socket.readyState !== OPEN) return
    // Read access can end while connected (a presentation moved on, a key was re-issued).
    if (this.access.canRead && !this.access.canRead()) {
      this.close(CloseCode.Forbidden)
      return
    }
    if ((this.socket.bufferedAmount ?? 0) > this.maxBufferedBytes) {
      this.close(CloseCode.SlowConsumer)
      return
    }
    this.socket.send(frame)
    this.observer.sent?.(frame.byteLength)
  }

  /** Closes the connection with a named code; later calls are ignored. */
  close(code: CloseCodeValue, reason: string = CloseReason[code]): void {
    if (this.closedCode !== null) return
    this.closedCode = code
    this.observer.closedWith?.(code)
    try {
      this.socket.close(code, reason.slice(0, 123))
    } finally {
      this.onClosed(this)
    }
  }
}
