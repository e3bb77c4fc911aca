/**
 * A read-only live copy of one document (a poster tile, the control document, the projected
 * poster): a `DocConnection` without IndexedDB and without announcing itself in awareness, so
 * watching a table never shows up as a person at it.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import type { JsonRecord } from '../../shared/docLayout'
import { RecordCache } from '../../shared/RecordCache'
import { DocConnection } from './DocConnection'

/** What a live document reports. */
export interface LiveDocState {
  /** Bumped on every change of the document (after throttling). */
  version: number
  /** True once the first sync with the server completed. */
  synced: boolean
  /** True after the first sync while the connection is down: what is shown may be stale. */
  reconnecting: boolean
  /** Other connections present on the document (awareness states). */
  online: number
  /** Local time of the last change received after the first sync, or null. */
  lastEditAt: number | null
  /** Close code when the server refused the connection for good. */
  refused: number | null
}

/** Runs `fn` when the main thread is idle (at the latest after `IDLE_TIMEOUT_MS`). */
function whenIdle(fn: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: IDLE_TIMEOUT_MS })
  else setTimeout(fn, 200)
}

const IDLE_TIMEOUT_MS = 1500

/** One live, read-only document. */
export class LiveDoc {
  readonly connection: DocConnection
  readonly doc: Y.Doc
  readonly awareness: Awareness
  /** The document's records, maintained incrementally (created before the first sync). */
  readonly cache: RecordCache
  private state: LiveDocState = {
    version: 0,
    synced: false,
    reconnecting: false,
    online: 0,
    lastEditAt: null,
    refused: null,
  }
  private readonly listeners = new Set<() => void>()
  private pending: ReturnType<typeof setTimeout> | null = null
  private readonly unsubscribe: () => void
  /** Records shown until the first sync, or null. */
  private seed: Map<string, JsonRecord> | null

  /**
   * The records to draw: the fetched ones until the first sync, then the live document's
   * (which keep the fetched objects where nothing changed).
   */
  records(): Map<string, JsonRecord> {
    if (this.seed && !this.state.synced) return this.seed
    if (this.seed) {
      this.cache.reuse(this.seed)
      this.seed = null
    }
    return this.cache.records()
  }

  constructor(
    readonly docName: string,
    token: string | null,
    /** Coalesces bursts of updates into one notification per this many ms. */
    private readonly throttleMs = 100,
    /** The records as fetched beforehand (the wall's one request for all tiles): shown until the socket syncs. */
    initialRecords?: readonly JsonRecord[],
  ) {
    this.connection = new DocConnection({ docName, token, presence: false, connect: !initialRecords })
    this.doc = this.connection.doc
    this.seed = initialRecords ? new Map(initialRecords.map((r) => [String(r.id), r])) : null
    // Drawn from fetched records: the socket (and the whole document it brings) waits until
    // the page is idle, out of the way of the first render.
    if (initialRecords) whenIdle(() => this.connection.connect())
    this.awareness = this.connection.awareness
    this.cache = new RecordCache(this.doc)
    this.unsubscribe = this.connection.subscribe(this.onConnection)
    this.awareness.on('change', this.onAwareness)
    this.doc.on('update', this.onUpdate)
  }

  private readonly onConnection = () => {
    const c = this.connection.getState()
    const change: Partial<LiveDocState> = {}
    if (c.synced && !this.state.synced) {
      change.synced = true
      change.version = this.state.version + 1
    }
    const reconnecting = (this.state.synced || c.synced) && !c.synced && c.status !== 'refused'
    if (reconnecting !== this.state.reconnecting) change.reconnecting = reconnecting
    const refused = c.status === 'refused' ? c.closeCode : null
    if (refused !== this.state.refused) change.refused = refused
    if (Object.keys(change).length > 0) this.set(change)
  }

  private readonly onAwareness = () => {
    const self = this.awareness.clientID
    let online = 0
    for (const [id, value] of this.awareness.getStates()) if (id !== self && value) online++
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
    this.unsubscribe()
    this.doc.off('update', this.onUpdate)
    this.awareness.off('change', this.onAwareness)
    this.cache.destroy()
    this.connection.destroy()
  }
}

const idle: LiveDocState = {
  version: 0,
  synced: false,
  reconnecting: false,
  online: 0,
  lastEditAt: null,
  refused: null,
}
const noop = () => () => {}

/**
 * Open live documents by name, token and throttle, with the number of hooks using each: two
 * parts of a page that watch the same document (the table page and its plenary banner both
 * follow the control document) share one connection.
 */
const shared = new Map<string, { live: LiveDoc; users: number }>()

function acquire(
  docName: string,
  token: string | null,
  throttleMs: number,
  initial?: ConstructorParameters<typeof LiveDoc>[3],
) {
  const key = JSON.stringify([docName, token, throttleMs])
  let entry = shared.get(key)
  if (!entry) {
    entry = { live: new LiveDoc(docName, token, throttleMs, initial), users: 0 }
    shared.set(key, entry)
  }
  entry.users++
  const { live } = entry
  let released = false
  const release = () => {
    if (released) return
    released = true
    const current = shared.get(key)
    if (!current || current.live !== live || --current.users > 0) return
    shared.delete(key)
    live.destroy()
  }
  return { live, release }
}

/** React hook: a live read-only document for `docName` (none while `docName` is null). */
export function useLiveDoc(
  docName: string | null,
  token: string | null,
  throttleMs = 100,
  /** See `LiveDoc`; only read when the document is opened. */
  initialRecords?: readonly JsonRecord[],
): { live: LiveDoc | null; state: LiveDocState } {
  const [live, setLive] = useState<LiveDoc | null>(null)
  const initial = useRef(initialRecords)
  initial.current = initialRecords
  useEffect(() => {
    if (!docName) {
      setLive(null)
      return
    }
    const { live: opened, release } = acquire(docName, token, throttleMs, initial.current)
    setLive(opened)
    return release
  }, [docName, token, throttleMs])
  const state = useSyncExternalStore(live?.subscribe ?? noop, live?.getState ?? (() => idle))
  return { live, state }
}
