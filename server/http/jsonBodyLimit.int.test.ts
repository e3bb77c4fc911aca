/**
 * A body far past any real request is refused with 413 and a message before it is read, on
 * every kind of JSON route, declared or streamed; memory does not grow with it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ApiTestServer, startApiTestServer } from '../api/apiTestServer'
import { startServerProcess } from '../testing/serverProcess'

let server: ApiTestServer
beforeAll(async () => {
  server = await startApiTestServer()
})
afterAll(async () => server.close())

const MiB = 1024 * 1024

describe('the JSON body limit', () => {
  it('answers a 100 MB body to POST /api/workshops with 413 and a message, without reading it', async () => {
    // A server process of its own, so its memory is its own.
    const dataDir = mkdtempSync(join(tmpdir(), 'plenum-body-'))
    const child = await startServerProcess({ DATA_DIR: dataDir, CLIENT_DIR: '/nonexistent' })
    const rss = () =>
      Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.child.pid}/status`, 'utf8'))?.[1]) / 1024
    try {
      const before = rss()
      let peak = before
      const sampler = setInterval(() => {
        peak = Math.max(peak, rss())
      }, 5)
      const res = await fetch(`http://127.0.0.1:${child.port}/api/workshops`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new Uint8Array(100 * MiB).fill(0x20),
      })
      clearInterval(sampler)
      expect(res.status).toBe(413)
      expect((await res.json()).error).toMatch(/larger than 1048576 bytes/)
      expect(peak - before).toBeLessThan(20)
    } finally {
      await child.kill()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('refuses a streamed body without a length as it passes the limit', async () => {
    let sent = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 20 * MiB) return controller.close()
        sent += MiB
        controller.enqueue(new Uint8Array(MiB).fill(0x20))
      },
    })
    const res = await fetch(`${server.url}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(413)
    expect(sent).toBeLessThan(20 * MiB)
  })

  it('leaves real requests and the uploads with their own bounds alone', async () => {
    const ok = await fetch(`${server.url}/api/workshops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Stor',
        date: '2026-03-05',
        rounds: Array.from({ length: 20 }, (_, i) => ({
          title: `Runde ${i}`,
          questions: Array.from({ length: 12 }, () => 'æ'.repeat(500)),
        })),
        tables: 40,
      }),
    })
    expect(ok.status).toBe(201)
    const image = await fetch(`${server.url}/api/assets`, {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: new Uint8Array(2 * MiB),
    })
    expect(image.status).toBe(400)
  })
})
