/**
 * Bad input never gets a 500: every route of `/api/openapi.json` is called with malformed path
 * parameters, bodies and headers, without credentials and with every role's real credentials
 * on a real workshop, and must answer below 500; every refusal is JSON with a message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CreateWorkshopResponse, JoinResponse } from '../../shared/api'
import { type ApiTestServer, startApiTestServer } from './apiTestServer'

let server: ApiTestServer

beforeAll(async () => {
  // Every route gets a fresh workshop and participant, so joining is not the limit here.
  server = await startApiTestServer({ maxJoinAttempts: 100_000 })
})
afterAll(async () => server.close())

/** A fresh workshop and participant: a route may delete the workshop or re-issue its keys. */
async function freshWorkshop(): Promise<{ w: CreateWorkshopResponse; participant: JoinResponse }> {
  const created = await fetch(`${server.url}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'Fuzz',
      date: '2026-03-05',
      rounds: [{ title: 'R', questions: ['Q'] }],
      tables: 2,
    }),
  })
  const w = (await created.json()) as CreateWorkshopResponse
  const joined = await fetch(`${server.url}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: w.tables[0].joinCode, name: 'Ida' }),
  })
  expect(joined.status).toBe(201)
  return { w, participant: (await joined.json()) as JoinResponse }
}

/** Path parameter values a careless or hostile client sends (already percent-encoded). */
const BAD_PARAMS = [
  '%25',
  '%',
  '%E0%A4%A',
  '..',
  '%2e%2e%2f',
  'x'.repeat(2000),
  '%00',
  "'%20OR%201=1--",
  '%F0%9F%98%80',
  '-1',
]
/** Bodies that are not what any route wants. */
const BAD_BODIES: Array<[string, string | undefined]> = [
  ['application/json', '{'],
  ['application/json', '[]'],
  ['application/json', 'null'],
  ['application/json', '"text"'],
  ['application/json', JSON.stringify({ title: 7, code: [], name: {}, posterId: null, target: 'x', op: 1 })],
  ['application/json', `${'['.repeat(5000)}${']'.repeat(5000)}`],
  ['text/plain', 'hello'],
  ['application/zip', 'PK\u0003\u0004garbage'],
  ['application/json', undefined],
]

interface Probe {
  method: string
  path: string
  headers: Record<string, string>
  body?: string
}

function fill(template: string, value: (name: string) => string): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => value(name))
}

async function send(p: Probe) {
  const res = await fetch(`${server.url}${p.path}`, {
    method: p.method.toUpperCase(),
    headers: p.headers,
    body: p.body,
  })
  const text = await res.text()
  return { status: res.status, text, type: res.headers.get('content-type') ?? '' }
}

describe('every API route with malformed input', () => {
  it('answers 4xx with a JSON message, never 5xx', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>
    }
    const failures: string[] = []
    let probes = 0
    for (const [template, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops).filter((m) => m !== 'parameters')) {
        const { w, participant } = await freshWorkshop()
        const real: Record<string, string> = {
          id: w.workshopId,
          workshopId: w.workshopId,
          code: w.tables[0].joinCode,
          role: 'facilitator',
          posterId: 'nope',
          snapshotId: 'nope',
          roundId: 'nope',
          action: 'start',
          noteId: 'shape%3Anope',
        }
        const credentials: Array<Record<string, string>> = [
          {},
          { authorization: 'Bearer ' },
          { authorization: 'Basic Zm9vOmJhcg==' },
          { authorization: `Bearer ${'%'.repeat(3000)}` },
          { authorization: `Bearer ${w.organizerKey}` },
          { authorization: `Bearer ${w.facilitatorKey}` },
          { authorization: `Bearer ${w.screenKey}` },
          { authorization: `Bearer ${participant.token}` },
        ]
        const cases: Probe[] = []
        for (const auth of credentials) {
          for (const bad of BAD_PARAMS) {
            cases.push({ method, path: fill(template, () => bad), headers: { ...auth } })
            // One malformed parameter at a time, the others real, to get past the first check.
            for (const name of template.match(/\{(\w+)\}/g) ?? []) {
              const path = fill(template, (n) => (`{${n}}` === name ? bad : (real[n] ?? 'x')))
              cases.push({ method, path, headers: { ...auth } })
            }
          }
          if (method !== 'get') {
            for (const [type, body] of BAD_BODIES) {
              cases.push({
                method,
                path: fill(template, (n) => real[n] ?? 'x'),
                headers: { ...auth, 'content-type': type },
                body,
              })
            }
          }
        }
        for (const p of cases) {
          // `..` segments the URL parser resolves may leave the API: those are not API requests.
          if (!new URL(p.path, server.url).pathname.startsWith('/api/')) continue
          const r = await send(p)
          probes++
          const label = `${p.method.toUpperCase()} ${p.path.slice(0, 120)} [${JSON.stringify(p.headers).slice(0, 60)}] ${p.body?.slice(0, 30) ?? ''}`
          if (r.status >= 500) failures.push(`${r.status} ${label}: ${r.text.slice(0, 120)}`)
          else if (r.status >= 400) {
            let message: unknown
            try {
              message = (JSON.parse(r.text) as { error?: unknown }).error
            } catch {}
            if (typeof message !== 'string' || message === '')
              failures.push(`${r.status} without a JSON message: ${label}`)
          }
        }
      }
    }
    expect(probes).toBeGreaterThan(1000)
    expect(failures).toEqual([])
  }, 300_000)
})
