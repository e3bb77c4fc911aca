/**
 * One poster document on this device: its Y.Doc, the IndexedDB copy, the WebSocket to the
 * sync server and the awareness (presence) channel, with the connection state the poster
 * page shows (online / offline / saving / saved / refused).
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { IndexeddbPersistence } from 'y-indexeddb'
import * as authProtocol from 'y-protocols/auth'
import { Awareness } from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { FATAL_CLOSE_CODES } from '../../shared/closeCodes'
import { isSeeded } from '../../shared/docLayout'
import { MessageType, PermissionDeniedReason, SYNC_PATH, SyncMessageType } from '../../shared/protocol'
import { nextBackoffMs } from './backoff'

/** What the connection indicator shows. */
export type ConnectionStatus = 'connecting' | 'offline' | 'saving' | 'saved' | 'refused'

/** A snapshot of the connection state. */
export interface ConnectionState {
  status: ConnectionStatus
  /** True once the document can be shown: synced with the server or read from IndexedDB. */
  ready: boolean
  /** The server refuses edits from this connection (screen, locked round, other table). */
  readOnly: boolean
  /** Local edits not yet confirmed by the server (also while offline). */
  unsaved: boolean
  /** The close code that made us stop reconnecting, when refused. */
  closeCode: number | null
}

/** Options of a poster connection. */
export interface PosterConnectionOptions {
  docName: string
  /** Participant or staff token, sent as `?token=` on the WebSocket. */
  token?: string | null
  /** Base URL of the sync server, default `ws(s)://<this origin>/sync`. */
  serverUrl?: string
  /** Keep an IndexedDB copy (default true; off in environments without IndexedDB). */
  persist?: boolean
  /** WebSocket implementation where the platform has none (Node tests). */
  WebSocketPolyfill?: typeof WebSocket
}

/** Quiet time after a local edit before asking the server to confirm it. */
const CONFIRM_DELAY_MS = 250

/** The default sync endpoint for this page's origin. */
export function defaultSyncUrl(): string {
  return `${location.origin.replace(/^http/, 'ws')}${SYNC_PATH}`
}

/** Owns the document of one poster and everything that keeps it in sync. */
export class PosterConnection {
  readonly doc = new Y.Doc()
  readonly awareness = new Awareness(this.doc)
  readonly provider: WebsocketProvider
  private readonly local: IndexeddbPersistence | null = null
  private state: ConnectionState = {
    status: 'connecting',
    ready: false,
    readOnly: false,
    unsaved: false,
    closeCode: null,
  }
  private readonly listeners = new Set<() => void>()
  /** Local edits counted, and the count the server has confirmed by a round trip. */
  private editSeq = 0
  private confirmedSeq = 0
  private readonly inFlight: number[] = []
  private confirmTimer: ReturnType<typeof setTimeout> | null = null
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null
  private attempts = 0
  private localLoaded = false
  private destroyed = false

  constructor(readonly options: PosterConnectionOptions) {
    const params: Record<string, string> = options.token ? { token: options.token } : {}
    this.provider = new WebsocketProvider(options.serverUrl ?? defaultSyncUrl(), options.docName, this.doc, {
      awareness: this.awareness,
      params,
      // Tabs go through the server, which enforces who may edit.
      disableBc: true,
      // Reconnecting is ours to schedule (jittered, and never after a fatal close).
      shouldReconnect: () => false,
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
    })
    this.hookProtocol()
    this.provider.on('status', () => this.update())
    this.provider.on('sync', (synced: boolean) => {
      if (!synced) return
      this.attempts = 0
      this.checkReady()
      this.requestConfirmation()
      this.update()
    })
    this.doc.on('update', this.onDocUpdate)
    if (options.persist !== false && typeof indexedDB !== 'undefined') {
      this.local = new IndexeddbPersistence(`plenum:${options.docName}`, this.doc)
      this.local.whenSynced.then(() => {
        this.localLoaded = true
        this.checkReady()
      })
    }
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.reconnectNow)
      window.addEventListener('offline', this.dropSocket)
      document.addEventListener('visibilitychange', this.onVisible)
    }
  }

  /** The current state (same object until something changes). */
  getState = (): ConnectionState => this.state

  /** Subscribes to state changes; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** True when the IndexedDB copy has been read (whether or not it held the poster). */
  hasLocalCopyLoaded(): boolean {
    return this.localLoaded
  }

  /** Closes the socket and the local copy; the document stays in IndexedDB. */
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    if (this.confirmTimer) clearTimeout(this.confirmTimer)
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.reconnectNow)
      window.removeEventListener('offline', this.dropSocket)
      document.removeEventListener('visibilitychange', this.onVisible)
    }
    this.doc.off('update', this.onDocUpdate)
    this.provider.destroy()
    this.local?.destroy()
    this.awareness.destroy()
    this.doc.destroy()
  }

  private set(patch: Partial<ConnectionState>): void {
    const next = { ...this.state, ...patch }
    if (Object.entries(next).every(([k, v]) => this.state[k as keyof ConnectionState] === v)) return
    this.state = next
    for (const listener of this.listeners) listener()
  }

  private update(): void {
    const unsaved = this.editSeq > this.confirmedSeq
    if (this.state.status === 'refused') {
      this.set({ unsaved })
      return
    }
    let status: ConnectionStatus
    if (this.provider.wsconnected && this.provider.synced) status = unsaved ? 'saving' : 'saved'
    else if (this.provider.wsconnecting && this.attempts === 0) status = 'connecting'
    else status = 'offline'
    this.set({ status, unsaved })
  }

  /**
   * The poster can be shown once it holds the server's seed, from the server or from the
   * IndexedDB copy (then the server's changes merge in when it answers). An unseeded document
   * is never shown: the editor would create a page of its own and race the server's seed.
   */
  private checkReady(): void {
    if (this.state.ready || !isSeeded(this.doc)) return
    if (this.provider.synced || this.localLoaded) this.set({ ready: true })
  }

  private readonly onDocUpdate = (_update: Uint8Array, origin: unknown): void => {
    // Updates that came from the server or from the IndexedDB copy need no confirmation.
    if (origin === this.provider || origin === this.local) {
      this.checkReady()
      return
    }
    this.editSeq++
    this.update()
    if (this.confirmTimer) clearTimeout(this.confirmTimer)
    this.confirmTimer = setTimeout(() => this.requestConfirmation(), CONFIRM_DELAY_MS)
  }

  /**
   * Asks the server for a round trip: a sync step 1 is answered with a step 2 only after the
   * server has handled (and stored) every message sent before it on this socket.
   */
  private requestConfirmation(): void {
    this.confirmTimer = null
    const ws = this.provider.ws
    // Before the first sync the provider's own step 1 is still unanswered; ours would be
    // matched with its reply. The 'sync' handler asks again once synced.
    if (!ws || !this.provider.synced || ws.readyState !== 1 /* OPEN */) return
    if (this.editSeq <= this.confirmedSeq) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.Sync)
    syncProtocol.writeSyncStep1(encoder, this.doc)
    ws.send(encoding.toUint8Array(encoder))
    this.inFlight.push(this.editSeq)
  }

  /** Wraps the provider's handlers to see step 2 replies and permission-denied messages. */
  private hookProtocol(): void {
    const handlers = this.provider.messageHandlers
    const sync = handlers[MessageType.Sync]
    handlers[MessageType.Sync] = (encoder, decoder, provider, emitSynced, messageType) => {
      // Replies come in the order of our step 1s. The provider's own step 1 on connect is not
      // queued (the queue is empty then), so its reply confirms nothing; take the entry
      // before handling, because handling the first reply fires 'sync', which queues ours.
      const seq = decoding.peekVarUint(decoder) === SyncMessageType.Step2 ? this.inFlight.shift() : undefined
      sync(encoder, decoder, provider, emitSynced, messageType)
      if (seq !== undefined) {
        this.confirmedSeq = Math.max(this.confirmedSeq, seq)
        this.update()
      }
    }
    handlers[MessageType.Auth] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, this.doc, (_doc, reason) => {
        if (reason === PermissionDeniedReason.ReadOnly) this.set({ readOnly: true })
        else console.warn('sync permission denied:', reason)
      })
    }
    this.provider.on('connection-close', (event: CloseEvent | null) => {
      this.inFlight.length = 0
      if (event && FATAL_CLOSE_CODES.has(event.code)) {
        this.set({ status: 'refused', closeCode: event.code })
        return
      }
      this.update()
      if (!this.destroyed && this.state.status !== 'refused') this.scheduleReconnect()
    })
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer) return
    const delay = nextBackoffMs(this.attempts++)
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null
      if (!this.destroyed && this.state.status !== 'refused') this.provider.connect()
    }, delay)
  }

  private readonly reconnectNow = (): void => {
    if (this.destroyed || this.state.status === 'refused' || this.provider.wsconnected) return
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    this.reconnectTimer = null
    this.provider.connect()
  }

  /**
   * The browser knows the network is gone: close the socket now instead of waiting for the
   * silent-connection watchdog, so the indicator says offline at once. Reconnect attempts
   * continue with backoff and immediately on `online`.
   */
  private readonly dropSocket = (): void => {
    // disconnect() closes synchronously; our close handler then schedules the reconnects.
    if (this.provider.ws && !this.destroyed) this.provider.disconnect()
  }

  private readonly onVisible = (): void => {
    if (document.visibilityState === 'visible') this.reconnectNow()
  }
}
