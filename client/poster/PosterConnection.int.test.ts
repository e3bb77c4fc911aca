/**
 * The poster connection against a real server on port 0: it opens a sandbox poster, reports
 * "saving" then "saved" only after the server has answered, and stops for good (no retry
 * storm) when the server refuses the document with a fatal close code.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { createServer } from '../../server/app'
import { defaultConfig } from '../../server/config'
import { createLogger } from '../../server/logger'
import { FATAL_CLOSE_CODES } from '../../shared/closeCodes'
import { type ConnectionStatus, PosterConnection } from './PosterConnection'
import { newStore, noteRecord, noteText } from './testing/memoryPeers'
import { YjsTldrawBinding } from './YjsTldrawBinding'

const dataDir = mkdtempSync(join(tmpdir(), 'plenum-poster-conn-'))
const server = await createServer(
  { ...defaultConfig, port: 0, host: '127.0.0.1', dataDir, clientDir: dataDir, allowSandbox: true },
  { logger: createLogger('silent') },
)
const { url } = await server.listen()
const serverUrl = `${url.replace('http', 'ws')}/sync`
const open: PosterConnection[] = []

afterAll(async () => {
  for (const c of open) c.destroy()
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
})

function connect(docName: string, token?: string): PosterConnection {
  const c = new PosterConnection({
    docName,
    token,
    serverUrl,
    persist: false,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  })
  open.push(c)
  return c
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('PosterConnection', () => {
  it('opens a seeded sandbox poster and reports saved only after the server confirmed an edit', async () => {
    const docName = `s-conn-${Date.now().toString(36)}`
    const a = connect(docName)
    await until(() => a.getState().ready && a.getState().status === 'saved', 'first sync')
    const seen: ConnectionStatus[] = []
    a.subscribe(() => seen.push(a.getState().status))

    const storeA = newStore()
    new YjsTldrawBinding(storeA, a.doc, { flushIntervalMs: 0 }).start()
    storeA.put([noteRecord('c1', 'Kantinen')])
    expect(a.getState().status).toBe('saving')
    await until(() => a.getState().status === 'saved', 'confirmation')
    expect(seen).toContain('saving')
    expect(a.getState().unsaved).toBe(false)

    const b = connect(docName)
    await until(() => b.getState().ready, 'second client sync')
    const storeB = newStore()
    new YjsTldrawBinding(storeB, b.doc).start()
    expect(noteText(storeB, 'c1')).toBe('Kantinen')
  })

  it('stops reconnecting and says why when the server refuses the document', async () => {
    const c = connect('p-doesnotexist', 'not-a-real-token')
    let attempts = 0
    c.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connecting') attempts++
    })
    await until(() => c.getState().status === 'refused', 'refusal')
    expect(FATAL_CLOSE_CODES.has(c.getState().closeCode ?? 0)).toBe(true)
    expect(c.getState().ready).toBe(false)
    const before = attempts
    await new Promise((r) => setTimeout(r, 1500))
    expect(attempts).toBe(before)
  })
})
