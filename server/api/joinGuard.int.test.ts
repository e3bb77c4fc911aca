/**
 * Join-code guessing against a running server: inventing `X-Forwarded-For` entries does not
 * buy more guesses, behind a trusted proxy only the entry the proxy wrote counts, and a person
 * typing the right code still joins from an address where others mistyped theirs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CreateWorkshopResponse } from '../../shared/api'
import { type ApiTestServer, startApiTestServer } from './apiTestServer'

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
const randomCode = (avoidPrefix = '') => {
  for (;;) {
    let code = ''
    for (let i = 0; i < 6; i++) code += ALPHABET[Math.floor(Math.random() * ALPHABET.length)]
    if (!avoidPrefix || !code.startsWith(avoidPrefix)) return code
  }
}
const randomIp = () =>
  `${10 + Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 250)}`

const servers: ApiTestServer[] = []
afterAll(async () => {
  for (const s of servers) await s.close()
})

async function start(overrides = {}) {
  const s = await startApiTestServer(overrides)
  servers.push(s)
  const res = await fetch(`${s.url}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'Join',
      date: '2026-03-05',
      rounds: [{ title: 'R', questions: ['Q'] }],
      tables: 3,
    }),
  })
  return { s, w: (await res.json()) as CreateWorkshopResponse }
}

function join(s: ApiTestServer, code: string, forwardedFor?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (forwardedFor) headers['x-forwarded-for'] = forwardedFor
  return fetch(`${s.url}/api/join`, { method: 'POST', headers, body: JSON.stringify({ code, name: 'Ida' }) })
}

/** Sends `n` wrong codes; returns how many were checked (404) rather than refused (429). */
async function guesses(n: number, send: () => Promise<Response>): Promise<number> {
  let checked = 0
  for (let i = 0; i < n; i++) {
    const res = await send()
    if (res.status === 404) checked++
    else expect(res.status).toBe(429)
  }
  return checked
}

describe('join-code limits', () => {
  let plain: Awaited<ReturnType<typeof start>>
  beforeAll(async () => {
    plain = await start()
  })

  it('an invented X-Forwarded-For does not raise the guess rate (no proxy trusted by default)', async () => {
    const checked = await guesses(400, () => join(plain.s, randomCode(), randomIp()))
    // 5 × MAX_JOIN_ATTEMPTS from one address, however many addresses it claims to be.
    expect(checked).toBeLessThanOrEqual(100)
  })

  it('behind a trusted proxy, only the entry the proxy appended counts', async () => {
    const proxied = await start({ trustProxy: '1' })
    // nginx appends the address it saw (here always 198.51.100.7) to what the client sent.
    const checked = await guesses(300, () => join(proxied.s, randomCode(), `${randomIp()}, 198.51.100.7`))
    expect(checked).toBeLessThanOrEqual(100)
    // Another client behind the same proxy is not affected.
    const other = await join(proxied.s, proxied.w.tables[0].joinCode, '203.0.113.9')
    expect(other.status).toBe(201)
  })

  it('a correct code still joins from an address where others made many typos', async () => {
    const venue = await start({ trustProxy: '1' })
    const code = venue.w.tables[1].joinCode
    // Others at the venue mistype their own tables' codes: 60 typos in a minute.
    const typos = await guesses(60, () => join(venue.s, randomCode(code.slice(0, 2)), '192.0.2.44'))
    expect(typos).toBeGreaterThan(0)
    const res = await join(venue.s, code, '192.0.2.44')
    expect(res.status).toBe(201)
  })
})
