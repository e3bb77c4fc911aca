/**
 * A poster client for integration tests: a stock y-websocket `WebsocketProvider` over `ws`,
 * writing sticky notes through the shared document layout, recording which notes it has seen
 * and when, how the server answered (synced, or a close code) and its permission-denied
 * messages.
 */
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import {
  getRecordKV,
  parseFieldKey,
  type RecordKV,
  readRecords,
  writeRecord,
} from '../../shared/docLayout.js'
import { MessageType } from '../../shared/protocol.js'
import { testNote } from './testNote.js'
import { testProvider } from './testProvider.js'

/** Options of a client. */
export interface PosterClientOptions {
  /** Key or token sent as `?token=`. */
  token?: string | null
}

/** One connected client of one poster. */
export class PosterClient {
  readonly doc = new Y.Doc()
  readonly provider: WebsocketProvider
  /** Note ids present in this client's document, with the time (performance.now) each appeared. */
  readonly seen = new Map<string, number>()
  /** 'synced', or the close code (4000 or above) when the server refused the connection. */
  readonly outcome: Promise<'synced' | number>
  /** The first close code of 4000 or above; the client then stops reconnecting. */
  readonly closed: Promise<number>
  /** One entry per permission-denied message (a write refused as read-only). */
  readonly denied: string[] = []
  private readonly kv: RecordKV
  private written = 0
  private onDenied: (() => void) | null = null

  /** Connects to `<syncUrl>/<docName>` (syncUrl like ws://127.0.0.1:8080/sync). */
  constructor(
    syncUrl: string,
    readonly docName: string,
    readonly name: string,
    options: PosterClientOptions = {},
  ) {
    this.kv = getRecordKV(this.doc)
    this.kv.on('change', (changes: Map<string, { action: string }>) => {
      const at = performance.now()
      for (const [key, change] of changes) {
        const field = parseFieldKey(key)
        if (field?.field === 'typeName' && change.action !== 'delete' && field.id.startsWith('shape:')) {
          if (!this.seen.has(field.id)) this.seen.set(field.id, at)
        }
      }
    })
    const provider = testProvider(syncUrl, docName, this.doc, {
      maxBackoffTime: 500,
      params: options.token ? { token: options.token } : {},
    })
    this.provider = provider
    const auth = provider.messageHandlers[MessageType.Auth]
    provider.messageHandlers[MessageType.Auth] = (encoder, decoder, p, emitSynced, type) => {
      this.denied.push('permission denied')
      this.onDenied?.()
      auth(encoder, decoder, p, emitSynced, type)
    }
    let closedWith: (code: number) => void = () => {}
    this.closed = new Promise<number>((resolve) => {
      closedWith = resolve
    })
    this.outcome = new Promise<'synced' | number>((resolve) => {
      provider.once('sync', (synced: boolean) => synced && resolve('synced'))
      provider.on('connection-close', (event: { code: number } | null) => {
        if (event && event.code >= 4000) {
          provider.disconnect()
          resolve(event.code)
          closedWith(event.code)
        }
      })
    })
  }

  /** Resolves at the next permission-denied message. */
  nextDenial(): Promise<void> {
    return new Promise((resolve) => {
      this.onDenied = resolve
    })
  }

  /** Whether the provider is connected and has finished its first sync. */
  get synced(): boolean {
    return this.provider.wsconnected && this.provider.synced
  }

  /** Adds a note with a unique id and returns it (`shape:<id>`). */
  addNote(id: string, text = id): string {
    const record = testNote(id, this.written++, text)
    // One transaction, as the canvas binding does: one update per note, not one per field.
    this.doc.transact(() => writeRecord(this.kv, record))
    return record.id
  }

  /** Sets this client's presence (name) in awareness. */
  setPresence(name: string): void {
    this.provider.awareness.setLocalStateField('user', { name })
  }

  /** Names announced by other clients of the same poster. */
  presentNames(): string[] {
    const names: string[] = []
    for (const [clientId, state] of this.provider.awareness.getStates()) {
      if (clientId === this.doc.clientID) continue
      const name = (state as { user?: { name?: string } }).user?.name
      if (name) names.push(name)
    }
    return names
  }

  /** Disconnects and releases the document. */
  destroy(): void {
    this.provider.destroy()
    this.doc.destroy()
  }
}

/**
 * Waits until `check` holds, polling every 20 ms; fails naming `what` after `ms`, with
 * `detail()` (e.g. connection states) in the message.
 */
export async function waitUntil(
  check: () => boolean,
  what: string,
  ms = 10_000,
  detail?: () => string,
): Promise<void> {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${ms} ms waiting for ${what}${detail ? `\n${detail()}` : ''}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** One letter pair per client: C/- connected, S/- synced; for failure messages. */
export function connectionStates(clients: PosterClient[]): string {
  return clients
    .map((c) => `${c.name}:${c.provider.wsconnected ? 'C' : '-'}${c.provider.synced ? 'S' : '-'}`)
    .join(' ')
}

/**
 * Notes some client other than their author has: the server stored and relayed them, so
 * their author was told they are saved. Authors are named by the note id prefix `<name>x`.
 */
export function confirmedNotes(clients: PosterClient[]): Set<string> {
  const confirmed = new Set<string>()
  for (const c of clients) {
    for (const id of c.seen.keys()) if (!id.startsWith(`shape:${c.name}x`)) confirmed.add(id)
  }
  return confirmed
}

/** Every editor adds a note `<name>x<k>` at its own steady pace until `stop()`. */
export function startEditing(
  editors: PosterClient[],
  everyMs: number,
): { sent: Map<string, string>; stop: () => void } {
  const sent = new Map<string, string>() // note id → poster
  const timers = editors.map((editor, i) => {
    let k = 0
    return setInterval(
      () => sent.set(editor.addNote(`${editor.name}x${k++}`), editor.docName),
      everyMs + (i % 7) * 30,
    )
  })
  return { sent, stop: () => timers.forEach(clearInterval) }
}

/** Whether every client has every sent note of its poster. */
export function allDelivered(clients: PosterClient[], sent: Map<string, string>): boolean {
  return clients.every((c) => [...sent].every(([id, doc]) => c.docName !== doc || c.seen.has(id)))
}

/** Whether `doc` holds the note `shape:<id>`. */
export function hasNote(doc: Y.Doc, id: string): boolean {
  return readRecords(doc).has(`shape:${id}`)
}

/** Resolves once `doc` holds the note `shape:<id>`. */
export function noteArrives(doc: Y.Doc, id: string): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!hasNote(doc, id)) return
      doc.off('update', check)
      resolve()
    }
    doc.on('update', check)
    check()
  })
}
