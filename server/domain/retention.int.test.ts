/**
 * RETENTION_DAYS: workshops whose date plus the period has passed are deleted with all their
 * data; newer ones, and one whose last kept day is today, stay.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CreateWorkshopResponse } from '../../shared/api'
import { deletionDate } from '../../shared/retention'
import { type ApiTestServer, startApiTestServer } from '../api/apiTestServer'

let server: ApiTestServer
beforeAll(async () => {
  server = await startApiTestServer({ retentionDays: 30 })
})
afterAll(async () => {
  await server.close()
})

async function create(date: string): Promise<CreateWorkshopResponse> {
  const res = await fetch(`${server.url}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      title: `Dateret ${date}`,
      date,
      rounds: [{ title: 'R', questions: ['Q'] }],
      tables: 1,
    }),
  })
  expect(res.status).toBe(201)
  return (await res.json()) as CreateWorkshopResponse
}

const status = async (w: CreateWorkshopResponse) =>
  (
    await fetch(`${server.url}/api/workshops/${w.workshopId}`, {
      headers: { authorization: `Bearer ${w.organizerKey}` },
    })
  ).status

describe('retention', () => {
  it('deletes only the workshops whose retention period has passed', async () => {
    const old = await create('2026-01-01')
    const lastDay = await create('2026-01-31')
    const recent = await create('2026-02-20')
    // On 2026-03-02, 30 days after 2026-01-31 is today: kept through today, deleted tomorrow.
    expect(deletionDate('2026-01-31', 30)).toBe('2026-03-03')
    const deleted = await server.retention?.sweep(new Date('2026-03-02T12:00:00Z'))
    expect(deleted).toEqual([old.workshopId])
    expect(await status(old)).toBe(401)
    expect(await status(lastDay)).toBe(200)
    expect(await status(recent)).toBe(200)
    expect(await server.retention?.sweep(new Date('2026-03-03T00:30:00Z'))).toEqual([lastDay.workshopId])
    expect(await status(recent)).toBe(200)
  })
})
