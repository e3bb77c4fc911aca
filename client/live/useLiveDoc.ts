/**
 * A read-only live copy of one document (a poster tile, the control document, the projected
 * poster): a Y.Doc kept in sync over one y-websocket connection, without IndexedDB and without
 * announcing itself in awareness, so watching a table never shows up as a person at it.
 */
import { useEffect, useState, useSyncExternalStore } from 'react'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { FATAL_CLOSE_CODES } from '../../shared/closeCodes'
import { SYNC_PATH } from '../../shared/protocol'
import { RecordCache } from './RecordCache'

/** What a live document reports. */
export interface LiveDocState {
  /** Bumped on every change of the document (after throttling). */
  version: number
  /** True once the first sync with the server completed. */
  synced: boolean
  /** Other connections present on the document (awareness states). */
  online: number
  /** Local time of the last change received after the first sync, or null. */
  lastEditAt: number | null
  /** Close code when the server refused the connection for good. */
  refused: number | null
}

/** One live, read-only document. */
export class LiveDoc {
  readonly doc = new Y.Doc()
  /** The document's records, maintained incrementally (created before the first sync). */
  readonly cache = new RecordCache(this.doc)
  readonly provider: WebsocketProvider
  private state: LiveDocState = { version: 0, synced: false, online: 0, lastEditAt: null, refused: null }
  private readonly listeners = new Set<() => void>()
  private pending: ReturnType<typeof setTimeout> | null = null

  constructor(
    readonly docName: string,
    token: string | null,
    /** Coalesces bursts of updates into one notification per this many ms. */
    private readonly throttleMs = 100,
  ) {
    this.provider = new WebsocketProvider(
      `${location.origin.replace(/^http/, 'ws')}${SYNC_PATH}`,
      docName,
      this.doc,
      {
        params: token ? { token } : {},
        disableBc: true,
      },
    )
    this.provider.awareness.setLocalState(null)
    this.provider.on('sync', (synced: boolean) => {
      if (synced) this.set({ synced: true, version: this.state.version + 1 })
    })
    this.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event && FATAL_CLOSE_CODES.has(event.code)) {
        this.provider.shouldConnect = false
        this.set({ refused: event.code })
      }
    })
    this.provider.awareness.on('change', this.onAwareness)
    this.doc.on('update', this.onUpdate)
  }

  private readonly onAwareness = () => {
    const self = this.provider.awareness.clientID
    let online = 0
    for (const [id, value] of this.provider.awareness.getStates()) if (id !== self && value) online++
    if (online !== this.state.online) this.set({ online })
  }

  private readonly onUpdate = () => {
    if (this.state.synced) this.state = { ...this.state, lastEditAt: Date.now() }
    if (this.pending) return
    this.pending = setTimeout(() => {
      this.pending = null
      this.set({ version: this.state.version + 1 })
    }, this.throttleMs)
  }

  private set(change: Partial<LiveDocState>): void {
    this.state = { ...this.state, ...change }
    for (const listener of this.listeners) listener()
  }

  /** The current state (same object until something changes). */
  getState = (): LiveDocState => this.state

  /** Subscribes to changes; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Closes the connection and releases the document. */
  destroy(): void {
    if (this.pending) clearTimeout(this.pending)
    this.doc.off('update', this.onUpdate)
    this.provider.awareness.off('change', this.onAwareness)
    this.provider.destroy()
    this.cache.destroy()
    this.doc.destroy()
  }
}

const idle: LiveDocState = { version: 0, synced: false, online: 0, lastEditAt: null, refused: null }
const noop = () => () => {}

/** React hook: a live read-only document for `docName` (none while `docName` is null). */
export function useLiveDoc(
  docName: string | null,
  token: string | null,
  throttleMs = 100,
): { live: LiveDoc | null; state: LiveDocState } {
  const [live, setLive] = useState<LiveDoc | null>(null)
  useEffect(() => {
    if (!docName) {
      setLive(null)
      return
    }
    const created = new LiveDoc(docName, token, throttleMs)
    setLive(created)
    return () => created.destroy()
  }, [docName, token, throttleMs])
  const state = useSyncExternalStore(live?.subscribe ?? noop, live?.getState ?? (() => idle))
  return { live, state }
}
