import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CreateWorkshopResponse } from '../../shared/api'
import { type ApiTestServer, startApiTestServer } from './apiTestServer'

const MAX = 5
let server: ApiTestServer

beforeAll(async () => {
  server = await startApiTestServer({ maxJoinAttempts: MAX, joinWindowMs: 60_000 })
})
afterAll(async () => server.close())

const post = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

describe('join rate limit', () => {
  it('after N wrong codes refuses codes like them with 429, but not a right code of another table', async () => {
    const created = (await (
      await post('/api/workshops', { title: 'W', date: '2026-11-22', rounds: [{ title: 'R' }], tables: 1 })
    ).json()) as CreateWorkshopResponse
    const right = created.tables[0].joinCode
    const prefix = right.startsWith('ZZ') ? 'YY' : 'ZZ'
    // A right code does not count.
    expect((await post('/api/join', { code: right, name: 'Mette' })).status).toBe(201)
    for (let i = 0; i < MAX; i++) {
      const wrong =
        i % 2 === 0
          ? post('/api/join', { code: `${prefix}ZZZZ`, name: 'Guess' })
          : fetch(`${server.url}/api/join/${prefix}ZZZ${i}`)
      expect((await wrong).status).toBe(404)
    }
    const refused = await post('/api/join', { code: `${prefix}AAAA`, name: 'Guess' })
    expect(refused.status).toBe(429)
    expect(((await refused.json()) as { error: string }).error).toMatch(
      /too many wrong codes.*try again in \d+ s/,
    )
    expect((await fetch(`${server.url}/api/join/${prefix}BBBB`)).status).toBe(429)
    // The neighbour typing their own table's code is not held up by the guesses above.
    expect((await post('/api/join', { code: right, name: 'Mette' })).status).toBe(201)
  })
})
