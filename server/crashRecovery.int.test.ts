/**
 * The default deployment — one process, SQLite in DATA_DIR — killed with SIGKILL while
 * clients edit: every note a client saw confirmed is in the database file when the process
 * dies, and a restarted server on the same folder serves everything.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readRecords } from '../shared/docLayout'
import { SqliteDocumentStore } from './storage/SqliteDocumentStore'
import {
  allDelivered,
  confirmedNotes,
  connectionStates,
  PosterClient,
  startEditing,
  waitUntil,
} from './testing/PosterClient'
import { startServerProcess } from './testing/serverProcess'
import { TcpProxy } from './testing/TcpProxy'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn()
})

/** Note ids stored for `docs`, read straight from the database file. */
async function storedNotes(dataDir: string, docs: string[]): Promise<Set<string>> {
  const store = new SqliteDocumentStore(dataDir)
  await store.init()
  const ids = new Set<string>()
  try {
    for (const doc of docs) {
      const ydoc = new Y.Doc()
      Y.applyUpdate(ydoc, (await store.load(doc)) as Uint8Array)
      for (const id of readRecords(ydoc).keys()) if (id.startsWith('shape:')) ids.add(id)
    }
  } finally {
    await store.close()
  }
  return ids
}

describe('a single SQLite instance killed with SIGKILL', () => {
  it('keeps every confirmed note and serves all of them after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'plenum-crash-'))
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const env = { DATA_DIR: dataDir, CLIENT_DIR: '/nonexistent', COMPACT_AFTER_UPDATES: '30' }
    const first = await startServerProcess(env)
    cleanups.push(() => first.kill())
    const proxy = await TcpProxy.start(first.port)
    cleanups.push(() => proxy.close())

    const suffix = Math.random().toString(36).slice(2, 8)
    const docs = [`s-sqlcrash${suffix}a`, `s-sqlcrash${suffix}b`]
    const editors = Array.from({ length: 20 }, (_, i) => {
      const c = new PosterClient(`ws://127.0.0.1:${proxy.port}/sync`, docs[i % 2] as string, `e${i}`)
      cleanups.push(() => c.destroy())
      return c
    })
    await waitUntil(
      () => editors.every((c) => c.synced),
      'all clients to sync',
      20_000,
      () => `${connectionStates(editors)}\n${first.recentOutput().slice(-20).join('\n')}`,
    )

    const editing = startEditing(editors, 500)
    cleanups.push(editing.stop)
    await waitUntil(() => confirmedNotes(editors).size >= 80, '80 confirmed notes', 40_000)
    const confirmed = confirmedNotes(editors)
    await first.kill()

    const atCrash = await storedNotes(dataDir, docs)
    expect([...confirmed].filter((id) => !atCrash.has(id))).toEqual([])

    // Edits go on for a moment while the server is down: they wait in the clients.
    await new Promise((resolve) => setTimeout(resolve, 300))
    editing.stop()
    const restarting = performance.now()
    const second = await startServerProcess(env)
    cleanups.push(() => second.kill())
    proxy.target = second.port
    await waitUntil(
      () => editors.every((c) => c.synced),
      'clients to reconnect to the restarted server',
      20_000,
      () => `${connectionStates(editors)}\n${second.recentOutput().slice(-20).join('\n')}`,
    )
    await waitUntil(
      () => allDelivered(editors, editing.sent),
      'every note on every client of its poster',
      30_000,
    )
    const final = await storedNotes(dataDir, docs)
    console.info(
      `SQLite crash: ${confirmed.size} confirmed notes, ${atCrash.size} in the file at the kill; ` +
        `${editing.sent.size} sent in total, ${final.size} stored after restart; ` +
        `restart to all delivered ${((performance.now() - restarting) / 1000).toFixed(1)} s`,
    )
    expect([...editing.sent.keys()].filter((id) => !final.has(id))).toEqual([])
  }, 120_000)
})
