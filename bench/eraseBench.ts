/**
 * Cost of deleting a workshop for good: a 30-table workshop whose posters hold 40 notes each
 * and one snapshot each is deleted through the API; reports the time of the DELETE, of the
 * erase step (secure delete + truncating WAL checkpoint) and the longest event-loop stall
 * meanwhile. Run: `npx tsx bench/eraseBench.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import * as Y from 'yjs'
import { createServer } from '../server/app'
import { defaultConfig } from '../server/config'
import { testNote } from '../server/testing/testNote'
import type { CreateWorkshopResponse, WorkshopView } from '../shared/api'
import { getRecordKV, writeRecord } from '../shared/docLayout'

const TABLES = 30
const NOTES = 40
const dataDir = mkdtempSync(join(tmpdir(), 'plenum-erase-bench-'))
const lines: string[] = []
const server = await createServer(
  {
    ...defaultConfig,
    port: 0,
    host: '127.0.0.1',
    dataDir,
    clientDir: join(dataDir, 'none'),
    logLevel: 'info',
  },
  {
    logger: (await import('../server/logger')).createLogger('info', (line) => lines.push(line)),
  },
)
const { url } = await server.listen()
const json = async <T>(method: string, path: string, body?: unknown, key?: string): Promise<T> => {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return (res.status === 204 ? null : await res.json()) as T
}
const w = await json<CreateWorkshopResponse>('POST', '/api/workshops', {
  title: 'Sletning',
  date: '2026-03-05',
  rounds: [{ title: 'R', questions: ['Hvad?', 'Hvorfor?'] }],
  tables: TABLES,
})
const view = await json<WorkshopView>('GET', `/api/workshops/${w.workshopId}`, undefined, w.organizerKey)
for (const poster of view.posters) {
  const doc = new Y.Doc()
  const kv = getRecordKV(doc)
  for (let i = 0; i < NOTES; i++) writeRecord(kv, testNote(`n${i}`, i, `Note ${i} ${'tekst '.repeat(20)}`))
  await server.store.append(poster.docName, Y.encodeStateAsUpdate(doc))
  await json('POST', `/api/workshops/${w.workshopId}/snapshots`, { posterId: poster.id }, w.facilitatorKey)
}
const delay = monitorEventLoopDelay({ resolution: 1 })
delay.enable()
const started = performance.now()
await json('DELETE', `/api/workshops/${w.workshopId}`, undefined, w.organizerKey)
const total = performance.now() - started
delay.disable()
const erased = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'deleted data erased from disk')
console.log(
  JSON.stringify({
    tables: TABLES,
    notesPerPoster: NOTES,
    deleteMs: Math.round(total),
    eraseMs: erased?.ms,
    maxEventLoopStallMs: Math.round(delay.max / 1e6),
  }),
)
await server.close()
rmSync(dataDir, { recursive: true, force: true })
