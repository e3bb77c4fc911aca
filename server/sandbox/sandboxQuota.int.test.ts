/**
 * Anonymous storage is bounded: images uploaded without a key per address, new sandbox
 * posters per address and in total, and the size of one sandbox poster; each refusal is a
 * clear 429 message or a named close code.
 */
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
