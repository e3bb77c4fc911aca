/**
 * A lean sync client for load generation: a Y.Doc and an Awareness kept in sync over one
 * WebSocket with y-protocols, as a `WebsocketProvider` does, minus the browser plumbing.
 * It speaks two dialects: the standard y-websocket protocol (Plenum, the reference server) and
 * Hocuspocus's (every frame prefixed with the document name, a token message first).
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'

/** Which framing the server expects. */
export type Dialect = 'y-websocket' | 'hocuspocus'

/** Where and how a client connects. */
export interface ClientTarget {
  /** Full WebSocket URL of the document (y-websocket) or of the server (Hocuspocus). */
  url: string
  /** Document name (sent in every frame by the Hocuspocus dialect). */
  docName: string
  dialect: Dialect
}

const MESSAGE_SYNC = 0
const MESSAGE_AWARENESS = 1
const MESSAGE_AUTH = 2
const HOCUSPOCUS_SYNC_REPLY = 4
const RECONNECT_MAX_MS = 2500

/** What the load generator needs of a sync client (lean or stock). */
export interface SyncClient {
  readonly doc: Y.Doc
  readonly awareness: awarenessProtocol.Awareness
  readonly synced: boolean
  readonly closeCodes: number[]
  /** The transaction / awareness origin of changes that arrived from the server. */
  readonly remoteOrigin: unknown
  onSynced: (() => void) | null
  whenSynced(): Promise<void>
  destroy(): void
}

/** A Y.Doc + Awareness synced with a server over one WebSocket, reconnecting like y-websocket. */
export class LeanClient implements SyncClient {
  /** The client's replica of the document. */
  readonly doc = new Y.Doc()
  /** The client's awareness (cursor, name). */
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  /** True once sync step 2 arrived on the current connection. */
  synced = false
  /** Close codes received, in order (for reconnection and robustness checks). */
  readonly closeCodes: number[] = []
  /** Called each time the client (re)completes the initial sync. */
  onSynced: (() => void) | null = null
  private ws: WebSocket | null = null
  private destroyed = false
  private failures = 0
  private syncWaiters: Array<() => void> = []
  private reconnectTimer: NodeJS.Timeout | null = null

  constructor(
    readonly target: ClientTarget,
    private readonly reconnect = true,
  ) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this) return
      this.sendSync((enc) => syncProtocol.writeUpdate(enc, update))
    })
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      if (origin !== 'local') return
      const changed = added.concat(updated, removed)
      this.send(MESSAGE_AWARENESS, (enc) =>
        encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)),
      )
    })
    this.open()
  }

  /** Remote changes are applied with the client itself as origin. */
  get remoteOrigin(): unknown {
    return this
  }

  /** Resolves once the client is synced (immediately when it already is). */
  whenSynced(): Promise<void> {
    if (this.synced) return Promise.resolve()
    return new Promise((resolve) => this.syncWaiters.push(resolve))
  }

  /** Bytes queued in the socket but not yet written. */
  get bufferedAmount(): number {
    return this.ws?.bufferedAmount ?? 0
  }

  /** Closes the connection for good. */
  destroy(): void {
    this.destroyed = true
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    awarenessProtocol.removeAwarenessStates(this.awareness, [this.doc.clientID], 'destroy')
    this.awareness.destroy()
    this.ws?.close()
    this.doc.destroy()
  }

  private open(): void {
    const ws = new WebSocket(this.target.url, { perMessageDeflate: false })
    ws.binaryType = 'nodebuffer'
    this.ws = ws
    ws.on('open', () => {
      if (this.target.dialect === 'hocuspocus') {
        this.send(MESSAGE_AUTH, (enc) => {
          encoding.writeVarUint(enc, 0)
          encoding.writeVarString(enc, 'bench')
        })
      }
      this.sendSync((enc) => syncProtocol.writeSyncStep1(enc, this.doc))
      if (this.awareness.getLocalState() !== null) {
        this.send(MESSAGE_AWARENESS, (enc) =>
          encoding.writeVarUint8Array(
            enc,
            awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]),
          ),
        )
      }
    })
    ws.on('message', (data: Buffer) =>
      this.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)),
    )
    ws.on('error', () => {})
    ws.on('close', (code: number) => {
      this.closeCodes.push(code)
      this.synced = false
      this.ws = null
      const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID)
      awarenessProtocol.removeAwarenessStates(this.awareness, others, this)
      if (this.destroyed || !this.reconnect) return
      const delay = Math.min(2 ** this.failures * 100, RECONNECT_MAX_MS)
      this.failures++
      this.reconnectTimer = setTimeout(() => this.open(), delay)
    })
  }

  private receive(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame)
    if (this.target.dialect === 'hocuspocus') decoding.readVarString(decoder)
    const type = decoding.readVarUint(decoder)
    if (type === MESSAGE_SYNC || (this.target.dialect === 'hocuspocus' && type === HOCUSPOCUS_SYNC_REPLY)) {
      const reply = encoding.createEncoder()
      const syncType = syncProtocol.readSyncMessage(decoder, reply, this.doc, this)
      if (encoding.length(reply) > 0)
        this.sendSync((enc) => encoding.writeUint8Array(enc, encoding.toUint8Array(reply)))
      if (syncType === syncProtocol.messageYjsSyncStep2 && !this.synced) this.markSynced()
    } else if (type === MESSAGE_AWARENESS) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this)
    }
  }

  private markSynced(): void {
    this.synced = true
    this.failures = 0
    for (const resolve of this.syncWaiters.splice(0)) resolve()
    this.onSynced?.()
  }

  private sendSync(write: (enc: encoding.Encoder) => void): void {
    this.send(MESSAGE_SYNC, write)
  }

  private send(type: number, write: (enc: encoding.Encoder) => void): void {
    const ws = this.ws
    if (!ws || ws.readyState !== WebSocket.OPEN) return
    const enc = encoding.createEncoder()
    if (this.target.dialect === 'hocuspocus') encoding.writeVarString(enc, this.target.docName)
    encoding.writeVarUint(enc, type)
    write(enc)
    ws.send(encoding.toUint8Array(enc))
  }
}

interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}
