/**
 * Anonymous storage is bounded: images uploaded without a key per address, new sandbox
 * posters per address and in total, and the size of one sandbox poster; each refusal is a
 * clear 429 message or a named close code.
 */
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { WebSocket } from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import { getRecordKV, writeRecord } from '../../shared/docLayout'
import { MessageType } from '../../shared/protocol'
import { noteRecord } from '../../shared/testing/posterFixtures'
import { type ApiTestServer, startApiTestServer } from '../api/apiTestServer'

const MiB = 1024 * 1024
let server: ApiTestServer
beforeAll(async () => {
  server = await startApiTestServer({ allowSandbox: true, maxSandboxesPerIp: 3, maxSandboxes: 4 })
})
afterAll(async () => server.close())

/** Opens a sandbox poster; resolves with the close code, or 'open' once it is being served. */
function openSandbox(docName: string, write?: (doc: Y.Doc) => void): Promise<number | 'open'> {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/sync/${docName}`)
  return new Promise((resolve) => {
    let served = false
    ws.on('message', () => {
      if (served) return
      served = true
      if (!write) {
        resolve('open')
        ws.close()
        return
      }
      const doc = new Y.Doc()
      doc.transact(() => write(doc))
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.Sync)
      syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc))
      ws.send(encoding.toUint8Array(encoder))
    })
    ws.on('close', (code) => resolve(code))
    ws.on('error', () => {})
  })
}

function png(bytes: number): Uint8Array {
  const data = new Uint8Array(bytes)
  data.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return data
}

describe('anonymous storage quotas', () => {
  it('refuses the third 9.5 MB image without a key from one address, with a message', async () => {
    const statuses: number[] = []
    let message = ''
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${server.url}/api/assets`, {
        method: 'POST',
        headers: { 'content-type': 'image/png' },
        body: png(9.5 * MiB) as Uint8Array<ArrayBuffer>,
      })
      statuses.push(res.status)
      if (res.status === 429) message = (await res.json()).error
    }
    expect(statuses).toEqual([201, 201, 429, 429, 429])
    expect(message).toMatch(/20 MB a day from one address/)
  })

  it('refuses a sandbox poster past the size bound with DocumentTooLarge', async () => {
    const code = await openSandbox('s-bignote00000001', (doc) =>
      writeRecord(getRecordKV(doc), noteRecord({ text: 'x'.repeat(MiB), x: 0, y: 0 })),
    )
    expect(code).toBe(CloseCode.DocumentTooLarge)
  })

  it('refuses new sandbox posters past the per-address and total quotas, and still opens known ones', async () => {
    // The poster above counted as one of this address's three.
    expect(await openSandbox('s-quota000000002')).toBe('open')
    expect(await openSandbox('s-quota000000003')).toBe('open')
    expect(await openSandbox('s-quota000000004')).toBe(CloseCode.QuotaExceeded)
    expect(await openSandbox('s-quota000000002')).toBe('open')
  })
})

describe('idle sandbox posters', () => {
  let small: ApiTestServer
  beforeAll(async () => {
    small = await startApiTestServer({ allowSandbox: true, maxSandboxes: 2, sandboxIdleHours: 24 })
  })
  afterAll(async () => small.close())

  /** Opens a sandbox poster on `small` and writes a note into it; resolves once it is stored. */
  async function writeSandbox(docName: string, text: string): Promise<number | 'open'> {
    const url = small.url
    const ws = new WebSocket(`${url.replace('http', 'ws')}/sync/${docName}`)
    return new Promise((resolve) => {
      ws.once('message', () => {
        const doc = new Y.Doc()
        writeRecord(getRecordKV(doc), noteRecord({ text, x: 0, y: 0 }))
        const encoder = encoding.createEncoder()
        encoding.writeVarUint(encoder, MessageType.Sync)
        syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc))
        ws.send(encoding.toUint8Array(encoder))
        const poll = setInterval(async () => {
          if ((await small.documents.load(docName)) === null) return
          clearInterval(poll)
          ws.close()
          resolve('open')
        }, 20)
      })
      ws.on('close', (code) => resolve(code))
      ws.on('error', () => {})
    })
  }

  it('are deleted a day after their last write, which frees their place for a new one', async () => {
    // The server's clock: storage stamps compactions with it and the sweep reads it.
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      const HOUR = 60 * 60 * 1000
      const start = Date.now()
      expect(await writeSandbox('s-idle000000000001', 'Gammel')).toBe('open')
      expect(await writeSandbox('s-idle000000000002', 'Også gammel')).toBe('open')
      // The server holds at most two: a third is refused.
      expect(await writeSandbox('s-idle000000000003', 'Ny')).toBe(CloseCode.QuotaExceeded)
      expect(await small.sandboxes.sweep()).toEqual([])

      // Nearly a day later one of them is written again; the other is not.
      vi.setSystemTime(start + 23 * HOUR)
      expect(await writeSandbox('s-idle000000000002', 'Stadig i brug')).toBe('open')
      expect(await small.sandboxes.sweep()).toEqual([])
      vi.setSystemTime(start + 25 * HOUR)
      expect(await small.sandboxes.sweep()).toEqual(['s-idle000000000001'])
      expect(await small.documents.load('s-idle000000000001')).toBeNull()
      expect(await small.documents.load('s-idle000000000002')).not.toBeNull()

      // Its place is free again: someone new can try the sandbox.
      expect(await writeSandbox('s-idle000000000003', 'Ny')).toBe('open')
    } finally {
      vi.useRealTimers()
    }
  })
})
