/**
 * Idle keep-alive connections stay open longer than a proxy keeps its upstream connections
 * (nginx: 60 s), so a proxy or a client pool never sends a request into a socket the server is
 * closing (a reset; a 502 behind nginx).
 */
import { connect } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type ApiTestServer, startApiTestServer } from '../api/apiTestServer'
import { KEEP_ALIVE_TIMEOUT_MS } from '../app'

let server: ApiTestServer
let port: number

beforeAll(async () => {
  server = await startApiTestServer()
  port = Number(new URL(server.url).port)
})

afterAll(() => server.close())

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
