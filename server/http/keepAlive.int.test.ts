/**
 * Idle keep-alive connections stay open longer than a proxy keeps its upstream connections
 * (nginx: 60 s), so a proxy or a client pool never sends a request into a socket the server is
 * closing (a reset; a 502 behind nginx).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createServer, KEEP_ALIVE_TIMEOUT_MS, type PlenumServer } from '../app'
import { defaultConfig } from '../config'

let server: PlenumServer
let dir: string
let port: number

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plenum-keepalive-'))
  server = await createServer({
    ...defaultConfig,
    port: 0,
    host: '127.0.0.1',
    dataDir: dir,
    clientDir: join(dir, 'client'),
    logLevel: 'silent',
  })
  port = (await server.listen()).port
})

afterAll(async () => {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
})

it('answers a second request on a keep-alive connection that was idle for longer than Node’s 5 s', async () => {
  expect(KEEP_ALIVE_TIMEOUT_MS).toBeGreaterThan(60_000)
  const socket = connect(port, '127.0.0.1')
  let received = ''
  let closedAt: number | null = null
  socket.setEncoding('utf8')
  socket.on('data', (chunk: string) => {
    received += chunk
  })
  socket.on('close', () => {
    closedAt = Date.now()
  })
  const request = 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n'
  const answers = () => received.split('HTTP/1.1 200').length - 1
  const until = async (done: () => boolean) => {
    while (!done()) await new Promise((r) => setTimeout(r, 20))
  }
  await new Promise<void>((r) => socket.once('connect', () => r()))
  socket.write(request)
  await until(() => answers() === 1)
  await new Promise((r) => setTimeout(r, 6000))
  expect(closedAt).toBeNull()
  socket.write(request)
  await until(() => answers() === 2 || closedAt !== null)
  expect(answers()).toBe(2)
  // Clients that honour it keep their idle connections for less than the server does.
  expect(received).toMatch(/keep-alive: timeout=65/i)
  socket.destroy()
}, 15_000)
