/**
 * Two server instances on one PostgreSQL database: a workshop created on one is joinable and
 * enforced on the other, and a phase change on one reaches the other's write checks.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CreateWorkshopResponse, JoinResponse } from '../../shared/api'
import { createServer, type PlenumServer } from '../app'
import { defaultConfig } from '../config'
import { findPostgresBinaries, startPostgres, type TestPostgres } from '../testing/postgres'

const binaries = findPostgresBinaries()

describe.skipIf(!binaries)('workshops across instances', () => {
  let pg: TestPostgres
  const servers: PlenumServer[] = []
  const urls: string[] = []
  const dirs: string[] = []

  beforeAll(async () => {
    pg = await startPostgres()
    for (let i = 0; i < 2; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'plenum-multi-'))
      dirs.push(dataDir)
      const server = await createServer({
        ...defaultConfig,
        port: 0,
        host: '127.0.0.1',
        dataDir,
        databaseUrl: pg.url,
        clientDir: join(dataDir, 'none'),
        logLevel: 'silent',
      })
      servers.push(server)
      urls.push((await server.listen()).url)
    }
  }, 60_000)

  afterAll(async () => {
    for (const s of servers) await s.close()
    await pg?.stop()
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
  })

  const post = async <T>(url: string, path: string, body: unknown): Promise<T> => {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    expect(res.status).toBe(201)
    return (await res.json()) as T
  }

  it('creates on one instance, joins and authorises on the other, and follows its phase changes', async () => {
    const [a, b] = servers
    const w = await post<CreateWorkshopResponse>(urls[0], '/api/workshops', {
      title: 'To instanser',
      date: '2026-11-22',
      rounds: [{ title: 'R1' }],
      tables: 2,
    })
    expect((await fetch(`${urls[1]}/api/join/${w.tables[1].joinCode}`)).status).toBe(200)
    const joined = await post<JoinResponse>(urls[1], '/api/join', { code: w.tables[1].joinCode, name: 'Bo' })
    const view = await fetch(`${urls[1]}/api/workshops/${w.workshopId}`, {
      headers: { authorization: `Bearer ${w.facilitatorKey}` },
    })
    expect(view.status).toBe(200)

    const access = await b.services.rooms.authorize(joined.posterDocName, joined.token)
    expect(access.canWrite()).toBe(false)
    await a.services.workshops.setRoundPhase(joined.roundId, 'writing')
    const deadline = Date.now() + 10_000
    while (!access.canWrite() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    expect(access.canWrite()).toBe(true)
  })
})
