/**
 * The minimal interfaces the sync core depends on. It knows no web framework: a Hono route
 * (or a test) adapts its socket to `SyncSocket` and hands it to the room registry.
 */
import type * as Y from 'yjs'

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
  /**
   * Whether this connection may still read the document (checked before every frame sent to it);
   * when it returns false the connection is closed with `Forbidden`. Absent: always readable.
   */
  canRead?(): boolean
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

/**
 * Cross-instance fan-out (Redis pub/sub when REDIS_URL is set). A room publishes every
 * update and awareness change it applied locally and applies what other instances publish.
 */
export interface Fanout {
  /** Starts receiving messages of a document; called when a room loads. */
  subscribe(
    docName: string,
    onMessage: (kind: 'update' | 'awareness', payload: Uint8Array) => void,
  ): Promise<void>
  /** Stops receiving; called when a room unloads. */
  unsubscribe(docName: string): Promise<void>
  /** Publishes a locally applied update or awareness change to the other instances. */
  publish(docName: string, kind: 'update' | 'awareness', payload: Uint8Array): void
  /** True when the broker answers (for /readyz). */
  ping(): Promise<boolean>
  /** Closes the broker connections. */
  close(): Promise<void>
}

/**
 * Hooks through which the domain layer takes part in a room's life. The registry takes an
 * ordered list of them (like Hocuspocus extensions): for `initialState` the first non-null
 * answer wins; `afterLoad` reaches every hook in order.
 */
export interface RoomHooks {
  /**
   * Initial state of a document that storage does not have yet: the server seeds posters from
   * their template here. Return null to start empty; throw an `AccessError` (NotFound) when
   * the document must not exist.
   */
  initialState?(docName: string): Promise<Uint8Array | null>
  /**
   * A change a loaded document needs before anyone works on it (an older layout brought up to
   * date), or null. The returned edit runs through the write pipeline like any server edit.
   */
  upgrade?(docName: string, doc: Y.Doc): ((doc: Y.Doc) => void) | null
  /**
   * Called once a document has loaded into a room on this instance, before any connection
   * sees it; the document lives until the room unloads.
   */
  afterLoad?(docName: string, doc: Y.Doc): void
}
