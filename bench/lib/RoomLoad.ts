/**
 * One room under load: its clients, each owning a sticky note it keeps moving (a tldraw-like
 * field write through `writeRecord`) while moving its cursor over awareness. Every receipt of
 * another client's move or cursor is timed against the timestamp the sender put inside it.
 */
import { performance } from 'node:perf_hooks'
import * as Y from 'yjs'
import {
  getRecordKV,
  type JsonRecord,
  type JsonValue,
  readRecords,
  writeRecord,
} from '../../shared/docLayout'
import type { LoadPlan } from '../loadWorker'
import { movedRecord, noteRecord } from './benchRecords'
import { canonicalJson } from './canonicalJson'
import { LeanClient, type SyncClient } from './LeanClient'
import { StockClient } from './StockClient'

const CONNECT_TIMEOUT_MS = 30_000
const POLL_MS = 100

/** Timestamp payload carried by an edit (in the record's meta) or a cursor (in awareness). */
interface Stamp {
  t: number
  s: number
  c: number
}

/** A client of a room plus its measuring state. */
export class BenchClient {
  client!: SyncClient
  note: JsonRecord
  private seq = 0
  /** Highest sequence number seen per sender, for edits and for cursors. */
  private readonly lastSeen = { edit: new Map<number, number>(), cursor: new Map<number, number>() }
  private stoppers: Array<() => void> = []

  constructor(
    private readonly room: RoomLoad,
    readonly index: number,
    private readonly url: string,
  ) {
    this.note = noteRecord(`bench${index}`, index, `note of client ${index}`)
  }

  /** Opens the connection and waits for the initial sync. */
  async connect(): Promise<void> {
    const { plan, docName } = this.room
    if (plan.client === 'stock' && plan.dialect === 'y-websocket') {
      this.client = new StockClient(this.url.replace(/\/$/, ''), docName)
    } else {
      const url = plan.dialect === 'hocuspocus' ? this.url : `${this.url}${docName}`
      this.client = new LeanClient({ url, docName, dialect: plan.dialect })
    }
    this.client.awareness.setLocalState({
      user: { name: `Client ${this.index}`, color: '#ffaa00' },
      cursor: { x: 0, y: 0, t: 0, s: 0, c: this.index },
    })
    getRecordKV(this.client.doc).on(
      'change',
      (changes: Map<string, { newValue?: JsonValue }>, tr: Y.Transaction) => {
        if (tr.origin !== this.client.remoteOrigin) return
        for (const [key, change] of changes) {
          if (!key.endsWith('/meta')) continue
          const stamp = (change.newValue as { bench?: Stamp } | undefined)?.bench
          if (stamp) this.observe(stamp, 'edit')
        }
      },
    )
    this.client.awareness.on(
      'change',
      ({ added, updated }: { added: number[]; updated: number[] }, origin: unknown) => {
        if (origin === 'local') return
        const states = this.client.awareness.getStates()
        for (const id of added.concat(updated)) {
          const stamp = (states.get(id) as { cursor?: Stamp } | undefined)?.cursor
          if (stamp) this.observe(stamp, 'cursor')
        }
      },
    )
    await withTimeout(
      this.client.whenSynced(),
      CONNECT_TIMEOUT_MS,
      `client ${this.index} of ${docName} did not sync`,
    )
  }

  /** Starts moving the note and the cursor at the plan's rates, each at a random phase. */
  start(): void {
    const { editsPerSecond, cursorHz } = this.room.plan
    if (editsPerSecond > 0) this.stoppers.push(every(1000 / editsPerSecond, () => this.edit()))
    if (cursorHz > 0) this.stoppers.push(every(1000 / cursorHz, () => this.moveCursor()))
  }

  /** Stops both timers. */
  stop(): void {
    for (const stop of this.stoppers.splice(0)) stop()
  }

  /** Writes the note's initial record. */
  seed(): void {
    this.client.doc.transact(() => writeRecord(getRecordKV(this.client.doc), this.note))
  }

  private edit(): void {
    const t = performance.now()
    const stamp: Stamp = { t, s: ++this.seq, c: this.index }
    const next = movedRecord(this.note, jitter(this.note.x), jitter(this.note.y), { bench: { ...stamp } })
    this.client.doc.transact(() => writeRecord(getRecordKV(this.client.doc), next, this.note))
    this.note = next
    if (t < this.room.recordFrom) return
    this.room.opsSent++
    this.room.editsRecorded++
  }

  private moveCursor(): void {
    const stamp: Stamp = { t: performance.now(), s: ++this.seq, c: this.index }
    if (stamp.t >= this.room.recordFrom) this.room.opsSent++
    this.client.awareness.setLocalStateField('cursor', {
      x: Math.random() * 2000,
      y: Math.random() * 1500,
      ...stamp,
    })
  }

  private observe(stamp: Stamp, channel: 'edit' | 'cursor'): void {
    // Reconnects and full-state syncs replay old stamps; only the first sight of each counts.
    const seen = this.lastSeen[channel]
    if ((seen.get(stamp.c) ?? -1) >= stamp.s) return
    seen.set(stamp.c, stamp.s)
    if (!this.room.recording || stamp.t < this.room.recordFrom) return
    const into = channel === 'edit' ? this.room.editLatencies : this.room.awarenessLatencies
    into.push(performance.now() - stamp.t)
  }
}

/** The clients of one document and what they measured. */
export class RoomLoad {
  readonly clients: BenchClient[] = []
  readonly editLatencies: number[] = []
  readonly awarenessLatencies: number[] = []
  editsRecorded = 0
  /** Edits and cursor moves made after the warm-up. */
  opsSent = 0
  recording = false
  recordFrom = Number.POSITIVE_INFINITY

  constructor(
    readonly docName: string,
    readonly plan: LoadPlan,
  ) {}

  /** Creates (not yet connected) clients, spread over the server instances. */
  createClients(): BenchClient[] {
    for (let i = 0; i < this.plan.clientsPerRoom; i++) {
      const url = this.plan.urlPrefixes[i % this.plan.urlPrefixes.length]
      this.clients.push(new BenchClient(this, i, url))
    }
    return this.clients
  }

  /**
   * Fills the poster with `plan.posterNotes` notes (the first client writes them, in
   * transactions of 25 notes, as people would over a round), then each client writes its own
   * note; resolves once every client sees every note.
   */
  async seedNotes(): Promise<void> {
    const filler = Array.from({ length: this.plan.posterNotes }, (_, i) =>
      noteRecord(`fill${i}`, i + 20, `note ${i} written earlier in the round`),
    )
    const first = this.clients[0].client.doc
    for (let i = 0; i < filler.length; i += 25) {
      first.transact(() => {
        for (const note of filler.slice(i, i + 25)) writeRecord(getRecordKV(first), note)
      })
    }
    for (const c of this.clients) c.seed()
    const ids = [...this.clients.map((c) => c.note.id), ...filler.map((n) => n.id)]
    await waitFor(
      () => this.clients.every((c) => ids.every((id) => getRecordKV(c.client.doc).has(`${id}/typeName`))),
      CONNECT_TIMEOUT_MS,
      `notes of ${this.docName} did not reach every client`,
    )
  }

  /** Starts the load; samples are recorded for stamps taken from `recordFrom` on. */
  start(recordFrom: number): void {
    this.recordFrom = recordFrom
    this.recording = true
    for (const c of this.clients) c.start()
  }

  /** Stops making edits (receipts in flight are still recorded). */
  stop(): void {
    for (const c of this.clients) c.stop()
  }

  /**
   * Waits until every client holds the same state, then checks a fresh client loads that
   * same state from the server. Returns null when the room converged, else what differs.
   */
  async settle(timeoutMs: number): Promise<string | null> {
    const sameVectors = () => {
      const vectors = this.clients.map((c) =>
        c.client.synced ? Buffer.from(Y.encodeStateVector(c.client.doc)) : null,
      )
      return vectors.every((v) => v !== null && vectors[0] !== null && v.equals(vectors[0]))
    }
    try {
      await waitFor(sameVectors, timeoutMs, 'state vectors differ')
    } catch {
      return `${this.docName}: clients' state vectors still differ after ${timeoutMs} ms`
    } finally {
      this.recording = false
    }
    const expected = recordsJson(this.clients[0].client.doc)
    for (const c of this.clients) {
      if (recordsJson(c.client.doc) !== expected)
        return `${this.docName}: client ${c.index} has different records`
    }
    const url =
      this.plan.dialect === 'hocuspocus'
        ? this.plan.urlPrefixes[0]
        : `${this.plan.urlPrefixes[0]}${this.docName}`
    const fresh = new LeanClient({ url, docName: this.docName, dialect: this.plan.dialect }, false)
    try {
      await withTimeout(fresh.whenSynced(), CONNECT_TIMEOUT_MS, 'fresh client did not sync')
      if (recordsJson(fresh.doc) !== expected)
        return `${this.docName}: the server's state differs from the clients'`
      return null
    } catch (err) {
      return `${this.docName}: ${err instanceof Error ? err.message : String(err)}`
    } finally {
      fresh.destroy()
    }
  }

  /** Closes every client. */
  destroy(): void {
    for (const c of this.clients) {
      c.stop()
      c.client?.destroy()
    }
  }
}

/** The document's records as canonical JSON (ids and keys sorted: map order differs between replicas). */
function recordsJson(doc: Y.Doc): string {
  return canonicalJson(Object.fromEntries(readRecords(doc)))
}

function jitter(value: JsonValue | undefined): number {
  const base = typeof value === 'number' ? value : 0
  return Math.round((base + (Math.random() - 0.5) * 40) * 100) / 100
}

/** Calls `fn` every `periodMs` from a random phase (so clients do not all fire in one tick); returns a stop function. */
function every(periodMs: number, fn: () => void): () => void {
  let interval: NodeJS.Timeout | null = null
  const first = setTimeout(() => {
    fn()
    interval = setInterval(fn, periodMs)
  }, Math.random() * periodMs)
  return () => {
    clearTimeout(first)
    if (interval) clearInterval(interval)
  }
}

async function waitFor(check: () => boolean, timeoutMs: number, message: string): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (!check()) {
    if (performance.now() > deadline) throw new Error(message)
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms)
    }),
  ]).finally(() => clearTimeout(timer))
}
