/**
 * Two server instances on one PostgreSQL database, each with its own pool, opened the way
 * the server opens them: both see every snapshot, and a participant's dot
 * limit holds across both.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CreateWorkshopResponse, WorkshopView } from '../../shared/api'
import { createServer } from '../app'
import { defaultConfig } from '../config'
import { createLogger } from '../logger'
import { openStorage } from '../openStorage'
import { PostgresVoteStore } from '../rounds/PostgresVoteStore'
import { dot } from '../rounds/voteStoreContract'
import { findPostgresBinaries, startPostgres, type TestPostgres } from '../testing/postgres'
import { PostgresSnapshotStore } from './PostgresSnapshotStore'
import { sampleSnapshot } from './snapshotStoreContract'

const binaries = findPostgresBinaries()

describe.skipIf(!binaries)('snapshots and votes shared between instances', () => {
  let server: TestPostgres
  beforeAll(async () => {
    server = await startPostgres()
  }, 60_000)
  afterAll(async () => {
    await server?.stop()
  })

  it('both instances see the same snapshots and one dot limit', async () => {
    const config = { ...defaultConfig, databaseUrl: server.url, dataDir: '/nonexistent' }
    // Both start at once, as after a deploy.
    const instances = await Promise.all([0, 1].map(() => openStorage(config, createLogger('silent'))))
    try {
      for (const i of instances) {
        expect(i.snapshots).toBeInstanceOf(PostgresSnapshotStore)
        expect(i.votes).toBeInstanceOf(PostgresVoteStore)
      }
      const [a, b] = instances

      const taken = sampleSnapshot('w1', { reason: 'lock' })
      await a.snapshots.insert(taken)
      expect((await b.snapshots.list({ workshopId: 'w1' })).map((s) => s.id)).toEqual([taken.id])
      expect((await b.snapshots.get(taken.id))?.text).toEqual(taken.text)

      // Anna's phone and laptop reach different instances and click at the same moment.
      const clicks = await Promise.all(
        Array.from({ length: 16 }, (_, k) => (k % 2 ? a : b).votes.addIfUnder(dot('anna', `n${k % 3}`), 3)),
      )
      expect(clicks.filter(Boolean)).toHaveLength(3)
      expect(await a.votes.countByParticipant('r1', 'anna')).toBe(3)
      expect(await b.votes.mine('r1', 'anna')).toEqual(await a.votes.mine('r1', 'anna'))

      // A dot taken back on one instance can be placed again through the other (which notes won
      // the race differs from run to run, so take back one that holds a dot).
      const [dotted] = Object.keys(await a.votes.mine('r1', 'anna'))
      const { workshopId: _, ...where } = dot('anna', dotted.slice(dotted.indexOf('/') + 1))
      expect(await a.votes.removeOne(where)).toBe(true)
      expect(await b.votes.addIfUnder(dot('anna', 'n1'), 3)).toBe(true)
      expect(await a.votes.addIfUnder(dot('anna', 'n1'), 3)).toBe(false)

      // Deleting the workshop on one instance removes it for both.
      expect(await b.snapshots.deleteWorkshop('w1')).toBe(1)
      await b.votes.deleteWorkshop('w1')
      expect(await a.snapshots.list({ workshopId: 'w1' })).toEqual([])
      expect(await a.votes.countByParticipant('r1', 'anna')).toBe(0)
    } finally {
      for (const i of instances) await i.close()
    }
  }, 30_000)

  it('a snapshot taken through one server is listed by the other, and goes with its workshop', async () => {
    const url = await server.createDatabase('two_servers')
    // Each server gets its own empty DATA_DIR: anything kept in SQLite would not be shared.
    const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'plenum-pg-shared-')))
    const servers = await Promise.all(
      dirs.map((dataDir) =>
        createServer({
          ...defaultConfig,
          port: 0,
          host: '127.0.0.1',
          dataDir,
          databaseUrl: url,
          logLevel: 'silent' as const,
          clientDir: join(dataDir, 'none'),
        }),
      ),
    )
    const pool = new pg.Pool({ connectionString: url, max: 1 })
    try {
      const [urlA, urlB] = await Promise.all(servers.map(async (s) => (await s.listen()).url))
      const call = async (base: string, method: string, path: string, key?: string, body?: unknown) => {
        const res = await fetch(`${base}${path}`, {
          method,
          headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
          body: body === undefined ? undefined : JSON.stringify(body),
        })
        return { status: res.status, json: (await res.json().catch(() => ({}))) as Record<string, unknown> }
      }
      const created = await call(urlA, 'POST', '/api/workshops', undefined, {
        title: 'Kloge kvadratmeter',
        date: '2026-03-05',
        place: 'Århus',
        rounds: [{ title: 'AS IS', questions: ['Hvad virker?'] }],
        tables: 2,
      })
      expect(created.status).toBe(201)
      const w = created.json as unknown as CreateWorkshopResponse
      const v = (await call(urlB, 'GET', `/api/workshops/${w.workshopId}`, w.organizerKey))
        .json as unknown as WorkshopView
      const taken = await call(urlA, 'POST', `/api/workshops/${w.workshopId}/snapshots`, w.facilitatorKey, {
        posterId: v.posters[0].id,
      })
      expect(taken.status).toBe(201)
      const listed = await call(urlB, 'GET', `/api/workshops/${w.workshopId}/snapshots`, w.organizerKey)
      expect((listed.json.snapshots as Array<{ id: string }>).map((s) => s.id)).toEqual([taken.json.id])

      expect(
        (await call(urlB, 'DELETE', `/api/workshops/${w.workshopId}`, w.organizerKey)).status,
      ).toBeLessThan(300)
      const left = await pool.query('SELECT COUNT(*)::int AS n FROM snapshots WHERE workshop_id = $1', [
        w.workshopId,
      ])
      expect(left.rows[0].n).toBe(0)
    } finally {
      await pool.end()
      for (const s of servers) await s.close()
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
