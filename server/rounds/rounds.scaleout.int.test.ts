/**
 * Two server instances sharing one database and one Redis: a lock made through instance A
 * makes a participant connected to instance B read-only at once, without reconnecting.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CreateWorkshopResponse, JoinResponse, WorkshopView } from '../../shared/api'
import { getRecordKV, readRecords, writeRecord } from '../../shared/docLayout'
import { controlDocName } from '../../shared/docNames'
import { createServer, type PlenumServer } from '../app'
import { defaultConfig } from '../config'
import { PosterClient } from '../testing/PosterClient'
import { findRedisServer, startRedis, type TestRedis } from '../testing/redis'
import { testNote } from '../testing/testNote'

const hasRedis = Boolean(findRedisServer())
if (!hasRedis) console.warn('redis-server not installed: skipping the two-instance round test')

describe.skipIf(!hasRedis)('rounds across two instances', () => {
  let redis: TestRedis
  let dataDir: string
  let a: PlenumServer
  let b: PlenumServer
  let urlA: string
  let urlB: string
  const clients: PosterClient[] = []

  const api = async <T>(base: string, path: string, body?: unknown, key?: string): Promise<T> => {
    const res = await fetch(`${base}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
    return (await res.json()) as T
  }

  const connect = (base: string, docName: string, token: string) => {
    const client = new PosterClient(`${base.replace('http', 'ws')}/sync`, docName, 'client', { token })
    clients.push(client)
    return { doc: client.doc, synced: client.outcome, denials: () => client.denied.length }
  }

  beforeAll(async () => {
    redis = await startRedis()
    dataDir = mkdtempSync(join(tmpdir(), 'plenum-rounds-2x-'))
    const config = {
      ...defaultConfig,
      port: 0,
      host: '127.0.0.1',
      dataDir,
      redisUrl: redis.url,
      logLevel: 'silent' as const,
      clientDir: join(dataDir, 'none'),
    }
    a = await createServer(config)
    b = await createServer(config)
    urlA = (await a.listen()).url
    urlB = (await b.listen()).url
  })

  afterAll(async () => {
    for (const c of clients) c.destroy()
    await a?.close()
    await b?.close()
    await redis?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('a lock through A stops a participant writing through B', async () => {
    const w = await api<CreateWorkshopResponse>(urlA, '/api/workshops', {
      title: 'To servere',
      date: '2026-11-22',
      rounds: [{ title: 'Runde', questions: ['Hvad?'] }],
      tables: 1,
    })
    const view = await api<WorkshopView>(urlA, `/api/workshops/${w.workshopId}`, undefined, w.facilitatorKey)
    const round = view.rounds[0].id
    const poster = view.posters[0].docName
    const anna = await api<JoinResponse>(urlA, '/api/join', { code: w.tables[0].joinCode, name: 'Anna' })
    await api(urlA, `/api/workshops/${w.workshopId}/rounds/${round}/start`, { minutes: 5 }, w.facilitatorKey)

    // Anna's page on B: the poster and the control document, as the table page opens them.
    const control = connect(urlB, controlDocName(w.workshopId), anna.token)
    const annaB = connect(urlB, poster, anna.token)
    const watcher = connect(urlA, poster, w.facilitatorKey)
    await Promise.all([control.synced, annaB.synced, watcher.synced])
    annaB.doc.transact(() => writeRecord(getRecordKV(annaB.doc), testNote('before', 1, 'før')))
    await expect.poll(() => readRecords(watcher.doc).has('shape:before')).toBe(true)

    await api(urlA, `/api/workshops/${w.workshopId}/rounds/${round}/lock`, {}, w.facilitatorKey)
    // B hears of the lock through the control document.
    await expect.poll(() => b.services.workshops.live.phase(round)).toBe('locked')
    annaB.doc.transact(() => writeRecord(getRecordKV(annaB.doc), testNote('after', 2, 'efter')))
    await expect.poll(annaB.denials).toBeGreaterThan(0)
    await new Promise((r) => setTimeout(r, 200))
    expect(readRecords(watcher.doc).has('shape:after')).toBe(false)
  })
})
