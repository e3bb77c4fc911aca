/**
 * CREATE_KEY: with it set, creating and importing a workshop need it; without it, both are open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ApiTestServer, startApiTestServer } from './apiTestServer'

const workshop = { title: 'Nøgle', date: '2026-03-05', rounds: [{ title: 'R', questions: ['Q'] }], tables: 1 }
let guarded: ApiTestServer
let open: ApiTestServer
beforeAll(async () => {
  guarded = await startApiTestServer({ createKey: 'hemmelig-oprettelsesnøgle-123' })
  open = await startApiTestServer()
})
afterAll(async () => {
  await guarded.close()
  await open.close()
})

function post(server: ApiTestServer, path: string, body: BodyInit, key?: string, type = 'application/json') {
  const headers: Record<string, string> = { 'content-type': type }
  if (key) headers.authorization = `Bearer ${key}`
  return fetch(`${server.url}${path}`, { method: 'POST', headers, body })
}

describe('the creation key', () => {
  it('is announced to the start page', async () => {
    expect(await (await fetch(`${guarded.url}/api/server`)).json()).toMatchObject({ createKeyRequired: true })
    expect(await (await fetch(`${open.url}/api/server`)).json()).toMatchObject({ createKeyRequired: false })
  })

  it('guards creating a workshop: 401 without it, 403 when wrong, 201 when right', async () => {
    const missing = await post(guarded, '/api/workshops', JSON.stringify(workshop))
    expect(missing.status).toBe(401)
    expect(await missing.json()).toMatchObject({
      field: 'createKey',
      error: expect.stringMatching(/creation key/),
    })
    const wrong = await post(guarded, '/api/workshops', JSON.stringify(workshop), 'gæt')
    expect(wrong.status).toBe(403)
    const right = await post(
      guarded,
      '/api/workshops',
      JSON.stringify(workshop),
      'hemmelig-oprettelsesnøgle-123',
    )
    expect(right.status).toBe(201)
  })

  it('guards importing before the upload is read', async () => {
    const zip = new Uint8Array(1024)
    const missing = await post(guarded, '/api/import', zip, undefined, 'application/zip')
    expect(missing.status).toBe(401)
    const right = await post(guarded, '/api/import', zip, 'hemmelig-oprettelsesnøgle-123', 'application/zip')
    expect(right.status).toBe(400)
    expect((await right.json()).error).toMatch(/not a ZIP/)
  })

  it('leaves creation open when unset', async () => {
    expect((await post(open, '/api/workshops', JSON.stringify(workshop))).status).toBe(201)
  })
})
