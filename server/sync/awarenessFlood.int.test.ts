/**
 * A client flooding awareness: peers get the latest state at a bounded rate, and a client
 * that keeps flooding is closed with `AwarenessFlood`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import { MessageType } from '../../shared/protocol'
import { createServer, type PlenumServer } from '../app'
import { defaultConfig } from '../config'
import { until } from './testDoubles'

let server: PlenumServer
let wsUrl: string
let dataDir: string

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'plenum-flood-'))
  server = await createServer({
    ...defaultConfig,
    port: 0,
    host: '127.0.0.1',
    dataDir,
    clientDir: join(dataDir, 'no-client'),
    logLevel: 'silent',
  })
  const { url } = await server.listen()
  wsUrl = `${url.replace('http', 'ws')}/sync`
})
afterAll(async () => {
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
})

async function open(docName: string) {
  const ws = new WebSocket(`${wsUrl}/${docName}`)
  ws.binaryType = 'arraybuffer'
  const cursors: number[] = []
  let closeCode: number | null = null
  ws.on('message', (data) => {
    const decoder = decoding.createDecoder(new Uint8Array(data as ArrayBuffer))
    if (decoding.readVarUint(decoder) !== MessageType.Awareness) return
    const update = decoding.readVarUint8Array(decoder)
    const seen = new awarenessProtocol.Awareness(new Y.Doc())
    awarenessProtocol.applyAwarenessUpdate(seen, update, null)
    for (const state of seen.getStates().values()) if (state.cursor) cursors.push(state.cursor.x)
    seen.destroy()
  })
  ws.on('close', (code) => {
    closeCode = code
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  return { ws, cursors, closeCode: () => closeCode }
}

/** Sends cursor positions as awareness frames at `perSecond` for `ms`; returns the last x. */
async function flood(ws: WebSocket, perSecond: number, ms: number): Promise<number> {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc())
  const frame = (x: number) => {
    awareness.setLocalState({ cursor: { x } })
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.Awareness)
    encoding.writeVarUint8Array(
      encoder,
      awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]),
    )
    return encoding.toUint8Array(encoder)
  }
  const started = performance.now()
  let x = 0
  while (performance.now() - started < ms && ws.readyState === WebSocket.OPEN) {
    const due = Math.floor(((performance.now() - started) / 1000) * perSecond)
    while (x < due && ws.readyState === WebSocket.OPEN) ws.send(frame(++x))
    await new Promise((r) => setTimeout(r, 5))
  }
  awareness.destroy()
  return x
}

describe('an awareness flood', () => {
  it('reaches peers merged to at most 20 updates a second, ending on the latest state', async () => {
    const peer = await open('s-awareflood1')
    const sender = await open('s-awareflood1')
    const last = await flood(sender.ws, 500, 1000)
    expect(last).toBeGreaterThan(400)
    await until(() => peer.cursors.at(-1) === last, 'the latest cursor relayed', 2000)
    expect(peer.cursors.length).toBeLessThanOrEqual(25)
    expect(sender.closeCode()).toBeNull()
    sender.ws.close()
    peer.ws.close()
  })

  it('closes a client that keeps flooding with AwarenessFlood', async () => {
    const peer = await open('s-awareflood2')
    const sender = await open('s-awareflood2')
    await flood(sender.ws, 500, 5000)
    await until(() => sender.closeCode() !== null, 'the flooder closed', 2000)
    expect(sender.closeCode()).toBe(CloseCode.AwarenessFlood)
    expect(peer.closeCode()).toBeNull()
    expect(peer.cursors.length).toBeLessThanOrEqual(5 * 20 + 5)
    peer.ws.close()
  })
})
