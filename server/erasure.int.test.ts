/**
 * Delete means gone, tried as an auditor would: two workshops with notes, names, an image,
 * votes and snapshots on a server running in its own process; one is deleted with its
 * organizer key, the server is stopped with SIGTERM, and every file in DATA_DIR is searched
 * byte by byte. Then `plenum.db` copied alone (no -wal, no -shm) must open with all of the
 * other workshop's data.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { CreateWorkshopResponse, JoinResponse, WorkshopView } from '../shared/api'
import { readRecords } from '../shared/docLayout'
import { posterIdOf } from '../shared/docNames'
import { createServer } from './app'
import { defaultConfig } from './config'
import { PosterClient, waitUntil } from './testing/PosterClient'
import { startServerProcess } from './testing/serverProcess'

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

/** Every file below `dir` with its bytes. */
function filesOf(dir: string): Array<{ path: string; bytes: Buffer }> {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesOf(path) : [{ path, bytes: readFileSync(path) }]
  })
}

/** How often each needle occurs over all files (a needle is text or raw bytes). */
function byteSearch(dir: string, needles: Array<string | Buffer>): Map<string, number> {
  const files = filesOf(dir)
  const hits = new Map<string, number>()
  for (const needle of needles) {
    const bytes = typeof needle === 'string' ? Buffer.from(needle, 'utf8') : needle
    const label = typeof needle === 'string' ? needle : `bytes:${needle.toString('hex').slice(0, 16)}`
    let n = 0
    for (const file of files) {
      for (let at = file.bytes.indexOf(bytes); at >= 0; at = file.bytes.indexOf(bytes, at + 1)) n++
    }
    hits.set(label, n)
  }
  return hits
}

/** A PNG whose body carries a marker, so its bytes can be searched for. */
function markedPng(marker: string): Buffer {
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(marker)])
}

interface Seeded {
  w: CreateWorkshopResponse
  /** Texts, names, ids, codes and image bytes that belong to this workshop only. */
  traces: Array<string | Buffer>
  posterDocName: string
  note: string
}

async function seed(url: string, tag: string, person: string): Promise<Seeded> {
  const call = async <T>(method: string, path: string, body?: unknown, key?: string, raw?: Buffer) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        'content-type': raw ? 'image/png' : 'application/json',
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
      body: raw ? new Uint8Array(raw) : body === undefined ? undefined : JSON.stringify(body),
    })
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
    return (res.status === 204 ? null : await res.json()) as T
  }
  const title = `Workshop ${tag} Kløverbladet`
  const question = `Hvad ønsker ${tag}-borgerne sig af havnefronten?`
  const w = await call<CreateWorkshopResponse>('POST', '/api/workshops', {
    title,
    date: '2026-03-05',
    place: `Sal ${tag}`,
    rounds: [{ title: `Runde ${tag}`, questions: [question] }],
    tables: 2,
  })
  const view = await call<WorkshopView>('GET', `/api/workshops/${w.workshopId}`, undefined, w.organizerKey)
  const roundId = view.rounds[0].id
  const joined = await call<JoinResponse>('POST', '/api/join', { code: w.tables[0].joinCode, name: person })
  const posterId = posterIdOf(joined.posterDocName) as string
  await call(
    'POST',
    `/api/workshops/${w.workshopId}/rounds/${roundId}/start`,
    { minutes: 10 },
    w.facilitatorKey,
  )
  const note = `Note ${tag}: flere bænke ved kajen`
  const client = new PosterClient(`${url.replace('http', 'ws')}/sync`, joined.posterDocName, tag, {
    token: joined.token,
  })
  await client.outcome
  const noteId = client.addNote(`${tag}note`, note)
  const witness = new PosterClient(`${url.replace('http', 'ws')}/sync`, joined.posterDocName, 'w', {
    token: w.organizerKey,
  })
  await waitUntil(() => witness.seen.has(noteId), `${tag}'s note to be stored and relayed`)
  client.destroy()
  witness.destroy()
  const image = markedPng(`image-of-${tag}-${'x'.repeat(64)}`)
  const asset = await call<{ key: string }>(
    'POST',
    `/api/assets?doc=${joined.posterDocName}`,
    undefined,
    joined.token,
    image,
  )
  await call('POST', `/api/workshops/${w.workshopId}/snapshots`, { posterId: posterId }, w.facilitatorKey)
  await call('POST', `/api/workshops/${w.workshopId}/rounds/${roundId}/voting`, { dots: 3 }, w.facilitatorKey)
  await call('POST', `/api/workshops/${w.workshopId}/votes`, { posterId: posterId, noteId }, joined.token)
  return {
    w,
    posterDocName: joined.posterDocName,
    note,
    traces: [
      title,
      question,
      note,
      person,
      w.workshopId,
      posterId,
      joined.participantId,
      w.tables[0].joinCode,
      w.tables[1].joinCode,
      asset.key,
      image,
    ],
  }
}

describe('deleting a workshop', () => {
  it('leaves no byte of it in DATA_DIR after a clean stop, and plenum.db alone holds the other', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'plenum-erase-'))
    dirs.push(dataDir)
    const server = await startServerProcess({ DATA_DIR: dataDir, CLIENT_DIR: join(dataDir, 'none') })
    const url = `http://127.0.0.1:${server.port}`
    let a: Seeded
    let b: Seeded
    try {
      a = await seed(url, 'Aarhus', 'Zacharias Quorndahl')
      b = await seed(url, 'Bornholm', 'Birgitte Vestergaard')
      const res = await fetch(`${url}/api/workshops/${a.w.workshopId}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${a.w.organizerKey}` },
      })
      expect(res.status).toBe(204)
    } finally {
      const exited = new Promise<void>((resolve) => server.child.once('exit', () => resolve()))
      server.child.kill('SIGTERM')
      await exited
    }
    expect(server.child.exitCode).toBe(0)

    const left = byteSearch(dataDir, a.traces)
    const kept = byteSearch(dataDir, b.traces)
    console.info('deleted workshop, hits per trace:', Object.fromEntries(left))
    console.info(
      'files after stop:',
      filesOf(dataDir).map((f) => `${f.path} ${f.bytes.byteLength}`),
    )
    expect([...left.values()].reduce((x, y) => x + y, 0)).toBe(0)
    for (const [trace, n] of kept) expect(n, trace).toBeGreaterThan(0)

    // The file a person would copy: plenum.db alone, without its -wal and -shm.
    const copyDir = mkdtempSync(join(tmpdir(), 'plenum-copy-'))
    dirs.push(copyDir)
    mkdirSync(copyDir, { recursive: true })
    copyFileSync(join(dataDir, 'plenum.db'), join(copyDir, 'plenum.db'))
    const copy = await createServer(
      {
        ...defaultConfig,
        port: 0,
        host: '127.0.0.1',
        dataDir: copyDir,
        clientDir: join(copyDir, 'none'),
        logLevel: 'silent',
      },
      {},
    )
    try {
      const { url: copyUrl } = await copy.listen()
      const view = await fetch(`${copyUrl}/api/workshops/${b.w.workshopId}`, {
        headers: { authorization: `Bearer ${b.w.organizerKey}` },
      })
      expect(view.status).toBe(200)
      const state = await copy.store.load(b.posterDocName)
      const doc = new Y.Doc()
      Y.applyUpdate(doc, state as Uint8Array)
      const texts = JSON.stringify([...readRecords(doc).values()])
      expect(texts).toContain(b.note)
      const snapshots = await fetch(`${copyUrl}/api/workshops/${b.w.workshopId}/snapshots`, {
        headers: { authorization: `Bearer ${b.w.organizerKey}` },
      })
      expect(((await snapshots.json()) as { snapshots: unknown[] }).snapshots).toHaveLength(1)
      const gone = await fetch(`${copyUrl}/api/workshops/${a.w.workshopId}/public`)
      expect(gone.status).toBe(404)
    } finally {
      await copy.close()
    }
  }, 120_000)
})
