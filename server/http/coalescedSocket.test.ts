import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket, WebSocketServer } from 'ws'
import { coalescedSocketOf } from './coalescedSocket'

const cleanups: Array<() => void> = []
afterEach(() => {
  for (const fn of cleanups.splice(0)) fn()
})

/** A ws server on port 0 and a client connected to it: the server side's socket and the client. */
async function pair(): Promise<{ server: WebSocket; client: WebSocket }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
  cleanups.push(() => wss.close())
  await new Promise((resolve) => wss.once('listening', resolve))
  const accepted = new Promise<WebSocket>((resolve) => wss.once('connection', resolve))
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`)
  client.binaryType = 'nodebuffer'
  cleanups.push(() => client.terminate())
  await new Promise((resolve) => client.once('open', resolve))
  return { server: await accepted, client }
}

describe('coalescedSocketOf', () => {
  it('writes the frames of one turn with one system call, each arriving whole and in order', async () => {
    const { server, client } = await pair()
    const tcp = (server as unknown as { _socket: Duplex & { _writev: (...args: unknown[]) => void } })._socket
    let writes = 0
    const writev = tcp._writev.bind(tcp)
    tcp._writev = (...args: unknown[]) => {
      writes++
      writev(...args)
    }
    const received: number[][] = []
    const all = new Promise<void>((resolve) =>
      client.on('message', (data: Buffer) => {
        received.push([...data])
        if (received.length === 3) resolve()
      }),
    )
    const socket = coalescedSocketOf(server)
    socket.send(new Uint8Array([1]))
    socket.send(new Uint8Array([2, 2]))
    socket.send(new Uint8Array([3, 3, 3]))
    await all
    expect(received).toEqual([[1], [2, 2], [3, 3, 3]])
    expect(writes).toBe(1)
  })

  it('counts frames waiting for the end of the turn as buffered, for the slow-consumer bound', async () => {
    const { server } = await pair()
    const socket = coalescedSocketOf(server)
    socket.send(new Uint8Array(1000))
    expect(socket.bufferedAmount).toBeGreaterThanOrEqual(1000)
    await new Promise((resolve) => setImmediate(resolve))
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(socket.bufferedAmount).toBe(0)
  })
})
