/**
 * The minimal interfaces the sync core depends on. It knows no web framework: a Hono route
 * (or a test) adapts its socket to `SyncSocket` and hands it to the room registry.
 */

/** The part of a WebSocket the sync core uses. */
export interface SyncSocket {
  /** Sends one binary frame. */
  send(data: Uint8Array): void
  /** Closes the socket with a code and reason. */
  close(code?: number, reason?: string): void
  /** WebSocket readyState: 0 connecting, 1 open, 2 closing, 3 closed. */
  readonly readyState: number
  /** Bytes queued but not yet sent (ws: bufferedAmount); used to drop slow consumers. */
  readonly bufferedAmount?: number
}

/** What a connection may do, decided when it is authorised. */
export interface Access {
  /** Role of the token holder. */
  role: 'organizer' | 'facilitator' | 'participant' | 'screen' | 'sandbox'
  /** Whether document updates from this connection are applied right now (checked per message). */
  canWrite(): boolean
  /** Participant id, when the connection belongs to a participant. */
  participantId?: string
  /** Display name, when known. */
  name?: string
}

/** Decides whether a token may open a document. Throws an `AccessError` to refuse. */
export type Authorize = (docName: string, token: string | null) => Promise<Access>

/** Structured logger injected into the sync core. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void
  info(msg: string, fields?: Record<string, unknown>): void
  warn(msg: string, fields?: Record<string, unknown>): void
  error(msg: string, fields?: Record<string, unknown>): void
}
