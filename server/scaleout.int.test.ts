/**
 * Several server instances behind one PostgreSQL and one Redis, with stock y-websocket
 * clients: they converge, share presence, see each other quickly, and a killed instance
 * loses nothing its clients were told about.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readRecords } from '../shared/docLayout'
import { createServer, type ServerOverrides } from './app'
import { type Config, defaultConfig } from './config'
import type { DocumentStore } from './storage/DocumentStore'
import { PostgresDocumentStore } from './storage/PostgresDocumentStore'
import { allDelivered, confirmedNotes, PosterClient, startEditing, waitUntil } from './testing/PosterClient'
import { findPostgresBinaries, startPostgres, type TestPostgres } from './testing/postgres'
import { findRedisServer, startRedis, type TestRedis } from './testing/redis'
import { startServerProcess } from './testing/serverProcess'
import { TcpProxy } from './testing/TcpProxy'

const missing = [
  !findPostgresBinaries() && 'PostgreSQL (initdb, pg_ctl)',
  !findRedisServer() && 'redis-server',
]
  .filter(Boolean)
  .join(' and ')
if (missing) console.warn(`${missing} not installed: skipping the scale-out tests`)

const suffix = () => Math.random().toString(36).slice(2, 8)

/** The records of a document as a plain object, for deep comparison. */
function content(doc: Y.Doc): Record<string, unknown> {
  return Object.fromEntries(readRecords(doc))
}

function noteIds(doc: Y.Doc): Set<string> {
  return new Set([...readRecords(doc).keys()].filter((id) => id.startsWith('shape:')))
}

/** Delegates to a store but runs `pause` inside the load of one document, after reading it. */
class PausingLoadStore implements DocumentStore {
  constructor(
    private readonly inner: DocumentStore,
    private readonly docName: string,
    private readonly pause: () => Promise<void>,
  ) {}
  init = () => this.inner.init()
  load = async (name: string) => {
    const state = await this.inner.load(name)
    if (name === this.docName) await this.pause()
    return state
  }
  append = (name: string, update: Uint8Array) => this.inner.append(name, update)
  pendingUpdates = (name: string) => this.inner.pendingUpdates(name)
  compact = (name: string) => this.inner.compact(name)
  compactedAt = (name: string) => this.inner.compactedAt(name)
  delete = (name: string) => this.inner.delete(name)
  list = (prefix: string) => this.inner.list(prefix)
  putAsset: DocumentStore['putAsset'] = (key, asset) => this.inner.putAsset(key, asset)
  getAsset = (key: string) => this.inner.getAsset(key)
  deleteAssets = (prefix: string) => this.inner.deleteAssets(prefix)
  ping = () => this.inner.ping()
  close = () => this.inner.close()
}

describe.skipIf(Boolean(missing))('scale-out over PostgreSQL and Redis', () => {
  let postgres: TestPostgres
  let redis: TestRedis
  const cleanups: Array<() => unknown> = []

  beforeAll(async () => {
    ;[postgres, redis] = await Promise.all([startPostgres(), startRedis()])
  })
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn()
  })
  afterAll(async () => {
    await Promise.all([postgres?.stop(), redis?.stop()])
  })

  function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'plenum-scale-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    return dir
  }

  function settings(dataDir: string): Config {
    return {
      ...defaultConfig,
      port: 0,
      host: '127.0.0.1',
      dataDir,
      clientDir: join(dataDir, 'no-client'),
      databaseUrl: postgres.url,
      redisUrl: redis.url,
      compactAfterUpdates: 50,
      logLevel: 'silent',
    }
  }

  async function startInstance(overrides: ServerOverrides = {}): Promise<{ port: number; syncUrl: string }> {
    const server = await createServer(settings(tempDir()), overrides)
    const { port } = await server.listen()
    cleanups.push(() => server.close())
    return { port, syncUrl: `ws://127.0.0.1:${port}/sync` }
  }

  function client(syncUrl: string, docName: string, name: string): PosterClient {
    const c = new PosterClient(syncUrl, docName, name)
    cleanups.push(() => c.destroy())
    return c
  }

  it('converges 20 clients on two instances, shares presence, and relays within 200 ms', async () => {
    const [a, b] = await Promise.all([startInstance(), startInstance()])
    const docs = Array.from({ length: 5 }, (_, i) => `s-scale${suffix()}${i}`)
    // Client i edits poster i % 5 on instance i % 2: every poster has clients on both.
    const clients = Array.from({ length: 20 }, (_, i) =>
      client((i % 2 ? b : a).syncUrl, docs[i % 5] as string, `c${i}`),
    )
    await waitUntil(() => clients.every((c) => c.synced), 'all clients to sync')

    for (const [i, c] of clients.entries()) for (let k = 0; k < 3; k++) c.addNote(`c${i}n${k}`)
    for (const doc of docs) {
      const editors = clients.filter((c) => c.docName === doc)
      await waitUntil(
        () => editors.every((c) => noteIds(c.doc).size === 12),
        `12 notes on every client of ${doc}`,
      )
      const first = content((editors[0] as PosterClient).doc)
      for (const c of editors) expect(content(c.doc)).toEqual(first)
    }

    // Presence set on instance A shows on instance B.
    for (const [i, doc] of docs.entries()) {
      const onA = clients.find(
        (c) => c.docName === doc && c.provider.url.includes(`:${a.port}/`),
      ) as PosterClient
      const onB = clients.find(
        (c) => c.docName === doc && c.provider.url.includes(`:${b.port}/`),
      ) as PosterClient
      onA.setPresence(`Ada ${i}`)
      await waitUntil(() => onB.presentNames().includes(`Ada ${i}`), `presence of Ada ${i} on instance B`)
    }

    // A note made on instance A reaches a client on instance B.
    const writer = clients[0] as PosterClient // poster 0, instance A
    const reader = clients[5] as PosterClient // poster 0, instance B
    const delays: number[] = []
    for (let k = 0; k < 10; k++) {
      const started = performance.now()
      const id = writer.addNote(`latency${k}`)
      await waitUntil(() => reader.seen.has(id), `note ${id} on instance B`, 5000)
      delays.push((reader.seen.get(id) as number) - started)
      await new Promise((resolve) => setTimeout(resolve, 30))
    }
    delays.sort((x, y) => x - y)
    console.info(
      `A→B note delay over 10 notes: median ${delays[5]?.toFixed(1)} ms, max ${delays[9]?.toFixed(1)} ms`,
    )
    expect(delays[5]).toBeLessThan(200)
    expect(delays[9]).toBeLessThan(1000)

    // What the instances stored is what the clients show.
    const store = new PostgresDocumentStore(postgres.url, { max: 2 })
    cleanups.push(() => store.close())
    for (const doc of docs) {
      const stored = new Y.Doc()
      Y.applyUpdate(stored, (await store.load(doc)) as Uint8Array)
      const editor = clients.find((c) => c.docName === doc) as PosterClient
      await waitUntil(() => noteIds(editor.doc).size === noteIds(stored).size, `stored ${doc} to match`, 2000)
      expect(content(stored)).toEqual(content(editor.doc))
    }
  }, 60_000)

  it('misses no update written on another instance while a poster loads', async () => {
    const a = await startInstance()
    // Instance B's storage pauses inside the load of the poster, after reading it.
    const inner = new PostgresDocumentStore(postgres.url, { max: 2 })
    cleanups.push(() => inner.close())
    let reading!: () => void
    const readDone = new Promise<void>((resolve) => {
      reading = resolve
    })
    let release!: () => void
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const doc = `s-loading${suffix()}`
    const gated = new PausingLoadStore(inner, doc, async () => {
      reading()
      await gate
    })
    const b = await startInstance({ store: gated })

    const writer = client(a.syncUrl, doc, 'writer')
    const witness = client(a.syncUrl, doc, 'witness')
    await waitUntil(() => writer.synced && witness.synced, 'clients on instance A to sync')
    writer.addNote('before')
    await waitUntil(() => witness.seen.has('shape:before'), 'the first note on instance A')
    const reader = client(b.syncUrl, doc, 'reader')
    await readDone
    // Instance A stores, relays and publishes this while B is between reading and subscribing.
    const id = writer.addNote('during-load')
    await waitUntil(() => witness.seen.has(id), 'the second note on instance A')
    await new Promise((resolve) => setTimeout(resolve, 100))
    release()
    await waitUntil(() => reader.synced && reader.seen.has('shape:before'), 'reader to load the poster')
    await waitUntil(() => reader.seen.has(id), 'the note written during the load to reach instance B', 3000)
  })

  it('loses no confirmed update when an instance is killed under load', async () => {
    const stable = await startInstance()
    const victim = await startServerProcess({
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      DATA_DIR: tempDir(),
      CLIENT_DIR: '/nonexistent',
      COMPACT_AFTER_UPDATES: '50',
    })
    cleanups.push(() => victim.kill())
    // Clients reach the instances through a balancer; after the crash it sends them to the survivor.
    const balancer = await TcpProxy.start(victim.port)
    cleanups.push(() => balancer.close())

    const docs = Array.from({ length: 5 }, (_, i) => `s-crash${suffix()}${i}`)
    const editors = Array.from({ length: 50 }, (_, i) =>
      client(`ws://127.0.0.1:${balancer.port}/sync`, docs[i % 5] as string, `e${i}`),
    )
    const observers = docs.map((doc, i) => client(stable.syncUrl, doc, `o${i}`))
    const everyone = [...editors, ...observers]
    await waitUntil(() => everyone.every((c) => c.synced), 'all clients to sync', 20_000)

    const editing = startEditing(editors, 600)
    cleanups.push(editing.stop)
    const { sent } = editing
    // Kill only once the instance has confirmed a fair number of notes, however busy the machine is.
    await waitUntil(() => confirmedNotes(everyone).size >= 150, '150 confirmed notes', 40_000)
    const confirmed = confirmedNotes(everyone)
    await victim.kill()
    const sentAtKill = sent.size

    // Storage alone must hold every confirmed note: the clients (which would send their notes
    // again) cannot reach a server yet, and the surviving instance does not store what it only
    // relayed.
    const store = new PostgresDocumentStore(postgres.url, { max: 2 })
    cleanups.push(() => store.close())
    const storedNotes = async () => {
      const ids = new Set<string>()
      for (const doc of docs) {
        const ydoc = new Y.Doc()
        Y.applyUpdate(ydoc, (await store.load(doc)) as Uint8Array)
        for (const id of noteIds(ydoc)) ids.add(id)
      }
      return ids
    }
    const atCrash = await storedNotes()
    const lostConfirmed = [...confirmed].filter((id) => !atCrash.has(id))

    balancer.target = stable.port
    await new Promise((resolve) => setTimeout(resolve, 1000))
    editing.stop()
    await waitUntil(
      () => editors.every((c) => c.synced),
      'editors to reconnect to the surviving instance',
      20_000,
    )
    await waitUntil(() => allDelivered(everyone, sent), 'every note on every client of its poster', 30_000)
    const final = await storedNotes()
    const lostAny = [...sent.keys()].filter((id) => !final.has(id))
    console.info(
      `crash test: ${sentAtKill} notes sent before kill -9, ${confirmed.size} confirmed, ` +
        `${atCrash.size} in storage at the crash; ${sent.size} sent in total, ${final.size} stored after reconnect`,
    )
    expect(lostConfirmed).toEqual([])
    expect(lostAny).toEqual([])
  }, 120_000)
})
