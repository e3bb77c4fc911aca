/**
 * The wall's first render in one request: `GET …/rounds/:roundId/states` returns every poster's
 * records of a round (or of `current`, the round the wall shows first) as stored, including an
 * edit made a moment ago, for staff only.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { CreateWorkshopResponse, JoinResponse, WorkshopView } from '../../shared/api'
import { getRecordKV, writeRecord } from '../../shared/docLayout'
import { posterDocName } from '../../shared/docNames'
import { CURRENT_ROUND, parsePosterStates } from '../../shared/posterStates'
import { roundPaths } from '../../shared/roundsApi'
import { createServer, type PlenumServer } from '../app'
import { defaultConfig } from '../config'
import { testNote } from '../testing/testNote'
import { testProvider } from '../testing/testProvider'

let dataDir: string
let server: PlenumServer
let url: string
let w: CreateWorkshopResponse
let view: WorkshopView

const get = (path: string, key?: string) =>
  fetch(`${url}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} })

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'plenum-states-int-'))
  server = await createServer({
    ...defaultConfig,
    port: 0,
    host: '127.0.0.1',
    dataDir,
    logLevel: 'silent',
    clientDir: join(dataDir, 'none'),
  })
  url = (await server.listen()).url
  const res = await fetch(`${url}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'Væg',
      date: '2026-11-22',
      rounds: [{ title: 'R', questions: ['Q'] }],
      tables: 3,
    }),
  })
  w = (await res.json()) as CreateWorkshopResponse
  view = (await (await get(`/api/workshops/${w.workshopId}`, w.facilitatorKey)).json()) as WorkshopView
})

afterAll(async () => {
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('poster states of a round', () => {
  it('returns every poster with an edit made just before, in one body', async () => {
    const poster = view.posters[0]
    const doc = new Y.Doc()
    const provider = testProvider(`${url.replace('http', 'ws')}/sync`, posterDocName(poster.id), doc, {
      params: { token: w.facilitatorKey },
    })
    await new Promise<void>((resolve) => provider.once('sync', () => resolve()))
    doc.transact(() => writeRecord(getRecordKV(doc), testNote('fresh', 1, 'Lige skrevet')))
    // Give the update time to reach the server and its storage.
    await new Promise((resolve) => setTimeout(resolve, 300))
    provider.destroy()

    for (const roundId of [view.rounds[0].id, CURRENT_ROUND]) {
      const res = await get(roundPaths.posterStates(w.workshopId, roundId), w.facilitatorKey)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toContain('application/json')
      const states = parsePosterStates(await res.json())
      expect(states.roundId).toBe(view.rounds[0].id)
      // Every poster of the round, also those nobody has opened yet (their template frames).
      expect(states.posters.map((p) => p.posterId).sort()).toEqual(view.posters.map((p) => p.id).sort())
      const records = states.posters.find((p) => p.posterId === poster.id)?.records ?? []
      expect(records.find((r) => r.id === 'shape:fresh')).toMatchObject({ type: 'note' })
      for (const p of states.posters) expect(p.records.some((r) => r.type === 'frame')).toBe(true)
    }
  })

  it('is for staff only and names an unknown round', async () => {
    const joined = (await (
      await fetch(`${url}/api/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: w.tables[0].joinCode, name: 'Anna' }),
      })
    ).json()) as JoinResponse
    const path = roundPaths.posterStates(w.workshopId, view.rounds[0].id)
    expect((await get(path, joined.token)).status).toBe(403)
    expect((await get(path)).status).toBe(401)
    const unknown = await get(roundPaths.posterStates(w.workshopId, 'nope'), w.facilitatorKey)
    expect(unknown.status).toBe(404)
    expect(((await unknown.json()) as { error: string }).error).toContain('nope')
  })
})
