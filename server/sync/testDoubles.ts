/**
 * In-memory doubles for unit tests of the sync core: a document store, a socket, and a client
 * that speaks the y-websocket protocol the way the stock provider does. Unit tests only.
 */

import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as authProtocol from 'y-protocols/auth'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import type { JsonRecord } from '../../shared/docLayout'
import { noteProps } from '../../shared/noteProps'
import { MessageType } from '../../shared/protocol'
import type { DocumentStore, StoredAsset } from '../storage/DocumentStore'
import type { Access, Logger, SyncSocket } from './types'

/** A DocumentStore in memory; `gate` lets a test hold appends until it opens them. */
export class MemoryDocumentStore implements DocumentStore {
  readonly logs = new Map<string, Uint8Array[]>()
  readonly states = new Map<string, Uint8Array>()
  readonly compactedTimes = new Map<string, number>()
  readonly assets = new Map<string, StoredAsset>()
  loads = 0
  appends = 0
  /** When set, appends wait for it (tests of write ordering). */
  gate: Promise<void> | null = null
  /** When set, appends fail with this error. */
  failAppends: Error | null = null
  /** When set, loads wait for it. */
  loadGate: Promise<void> | null = null

  async init(): Promise<void> {}
  async load(docName: string): Promise<Uint8Array | null> {
    this.loads++
    if (this.loadGate) await this.loadGate
    const parts = [
      ...(this.states.has(docName) ? [this.states.get(docName)!] : []),
      ...(this.logs.get(docName) ?? []),
    ]
    return parts.length === 0 ? null : Y.mergeUpdates(parts)
  }
  async append(docName: string, update: Uint8Array): Promise<void> {
    if (this.gate) await this.gate
    if (this.failAppends) throw this.failAppends
    this.appends++
    const log = this.logs.get(docName) ?? []
    log.push(update)
    this.logs.set(docName, log)
  }
  async pendingUpdates(docName: string): Promise<number> {
    return this.logs.get(docName)?.length ?? 0
  }
  async compact(docName: string): Promise<void> {
    const log = this.logs.get(docName) ?? []
    if (log.length === 0) return
    const state = this.states.get(docName)
    this.states.set(docName, Y.mergeUpdates(state ? [state, ...log] : log))
    this.logs.set(docName, [])
    this.compactedTimes.set(docName, Date.now())
  }
  async compactedAt(docName: string): Promise<number | null> {
    return this.compactedTimes.get(docName) ?? null
  }
  async delete(docName: string): Promise<void> {
    this.logs.delete(docName)
    this.states.delete(docName)
    this.compactedTimes.delete(docName)
  }
  async list(prefix: string): Promise<string[]> {
    return [...new Set([...this.logs.keys(), ...this.states.keys()])].filter((n) => n.startsWith(prefix))
  }
  async putAsset(key: string, asset: StoredAsset): Promise<void> {
    this.assets.set(key, asset)
  }
  async getAsset(key: string): Promise<StoredAsset | null> {
    return this.assets.get(key) ?? null
  }
  async deleteAssets(prefix: string): Promise<void> {
    for (const key of [...this.assets.keys()]) if (key.startsWith(prefix)) this.assets.delete(key)
  }
  async ping(): Promise<boolean> {
    return true
  }
  async close(): Promise<void> {}

  /** The stored document (state plus log) as a fresh Y.Doc. */
  async stored(docName: string): Promise<Y.Doc> {
    const doc = new Y.Doc()
    const state = await this.load(docName)
    if (state) Y.applyUpdate(doc, state)
    return doc
  }
}

/** The server side of an in-memory socket. */
export class MemorySocket implements SyncSocket {
  readyState = 1
  bufferedAmount = 0
  closeCode: number | null = null
  onFrame: (data: Uint8Array) => void = () => {}
  onClose: (code: number) => void = () => {}

  send(data: Uint8Array): void {
    if (this.readyState !== 1) throw new Error('send on a closed socket')
    // Delivered asynchronously, like a network, so handlers never re-enter the room.
    queueMicrotask(() => this.onFrame(data))
  }

  close(code = 1000): void {
    if (this.readyState >= 2) return
    this.readyState = 3
    this.closeCode = code
    this.onClose(code)
  }
}

/** Access for tests. */
export function testAccess(canWrite = true): Access {
  return { role: canWrite ? 'sandbox' : 'screen', canWrite: () => canWrite }
}

/** A logger that keeps what it was told. */
export function memoryLogger(): Logger & { lines: Array<{ level: string; msg: string; fields?: object }> } {
  const lines: Array<{ level: string; msg: string; fields?: object }> = []
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) =>
    lines.push({ level, msg, fields })
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

/** A client speaking y-websocket over a MemorySocket, as the stock provider does. */
export class TestClient {
  readonly doc = new Y.Doc()
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  readonly socket = new MemorySocket()
  readonly denied: string[] = []
  readonly received: Uint8Array[] = []
  synced = false
  private deliver: (data: Uint8Array) => void = () => {}

  constructor() {
    this.socket.onFrame = (data) => this.onFrame(data)
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this) return
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.Sync)
      syncProtocol.writeUpdate(encoder, update)
      this.send(encoding.toUint8Array(encoder))
    })
    this.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>) => {
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.Awareness)
      encoding.writeVarUint8Array(
        encoder,
        awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed]),
      )
      this.send(encoding.toUint8Array(encoder))
    })
  }

  /** Wires the client to a server-side receive function and sends sync step 1 (like onopen). */
  open(deliver: (data: Uint8Array) => void): void {
    this.deliver = deliver
    this.requestSync()
  }

  /** Sends a sync step 1 (the stock provider does so on open and on its resync timer). */
  requestSync(): void {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.Sync)
    syncProtocol.writeSyncStep1(encoder, this.doc)
    this.send(encoding.toUint8Array(encoder))
  }

  /** Sends a raw frame to the server. */
  send(data: Uint8Array): void {
    if (this.socket.readyState === 1) this.deliver(data)
  }

  /** Stops the awareness timer. */
  destroy(): void {
    this.awareness.destroy()
  }

  private onFrame(data: Uint8Array): void {
    if (this.socket.readyState !== 1) return
    this.received.push(data)
    const decoder = decoding.createDecoder(data)
    const encoder = encoding.createEncoder()
    const type = decoding.readVarUint(decoder)
    if (type === MessageType.Sync) {
      encoding.writeVarUint(encoder, MessageType.Sync)
      const syncType = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this)
      if (syncType === syncProtocol.messageYjsSyncStep2) this.synced = true
    } else if (type === MessageType.Awareness) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this)
    } else if (type === MessageType.Auth) {
      authProtocol.readAuthMessage(decoder, this.doc, (_doc, reason) => this.denied.push(reason))
    }
    if (encoding.length(encoder) > 1) this.send(encoding.toUint8Array(encoder))
  }
}

/** Waits until `check` holds, polling briefly; throws with `what` after `ms`. */
export async function until(check: () => boolean, what: string, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 2))
  }
}

/** A valid tldraw note on the poster page. */
export function noteRecord(id = 'shape:n1', text = 'hi'): JsonRecord {
  return {
    id,
    typeName: 'shape',
    type: 'note',
    parentId: 'page:poster',
    index: 'a1',
    x: 10,
    y: 20,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: noteProps({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }),
  }
}
