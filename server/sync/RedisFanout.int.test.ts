import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { findRedisServer, startRedis, type TestRedis } from '../testing/redis.js'
import { RedisFanout } from './RedisFanout.js'

const binary = findRedisServer()
if (!binary) console.warn('redis-server not found: skipping RedisFanout tests')

type Received = { kind: string; payload: Buffer }

/** Collects what a fan-out delivers for one document and lets a test wait for it. */
class Inbox {
  readonly items: Received[] = []
  private waiters: Array<() => void> = []
  readonly handler = (kind: string, payload: Uint8Array) => {
    this.items.push({ kind, payload: Buffer.from(payload) })
    for (const wake of this.waiters.splice(0)) wake()
  }
  async waitFor(count: number, ms = 5000): Promise<Received[]> {
    const deadline = Date.now() + ms
    while (this.items.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} messages, got ${this.items.length}`)
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve)
        setTimeout(resolve, 50)
      })
    }
    return this.items
  }
}

describe.skipIf(!binary)('RedisFanout', () => {
  let redis: TestRedis
  const open: RedisFanout[] = []
  const fanout = (options = {}) => {
    const f = new RedisFanout(redis.url, options)
    open.push(f)
    return f
  }

  beforeAll(async () => {
    redis = await startRedis()
  })
  afterEach(async () => {
    await Promise.all(open.splice(0).map((f) => f.close()))
  })
  afterAll(async () => {
    await redis?.stop()
  })

  it('relays updates and awareness to other instances but not back to the sender', async () => {
    const a = fanout()
    const b = fanout()
    const atA = new Inbox()
    const atB = new Inbox()
    await a.subscribe('p-one', atA.handler)
    await b.subscribe('p-one', atB.handler)

    const bytes = Buffer.alloc(100_000)
    for (let i = 0; i < bytes.length; i++) bytes[i] = i % 256
    a.publish('p-one', 'update', bytes)
    a.publish('p-one', 'awareness', new Uint8Array([1, 2, 3]))
    b.publish('p-one', 'update', new Uint8Array([9]))

    const got = await atB.waitFor(2)
    expect(got.map((m) => m.kind)).toEqual(['update', 'awareness'])
    expect(got[0]?.payload.equals(bytes)).toBe(true)
    expect([...(got[1]?.payload ?? [])]).toEqual([1, 2, 3])
    const back = await atA.waitFor(1)
    expect(back).toEqual([{ kind: 'update', payload: Buffer.from([9]) }])
    // Redis keeps order per connection: a's own messages would have arrived before b's.
    expect(atA.items).toHaveLength(1)
  })

  it('delivers only the documents an instance has loaded, and stops after unsubscribe', async () => {
    const a = fanout()
    const b = fanout()
    const one = new Inbox()
    const two = new Inbox()
    await b.subscribe('p-one', one.handler)
    await b.subscribe('p-two', two.handler)
    a.publish('p-three', 'update', new Uint8Array([3]))
    a.publish('p-one', 'update', new Uint8Array([1]))
    await one.waitFor(1)
    expect(two.items).toHaveLength(0)

    await b.unsubscribe('p-one')
    a.publish('p-one', 'update', new Uint8Array([11]))
    a.publish('p-two', 'update', new Uint8Array([2]))
    await two.waitFor(1)
    expect(one.items).toHaveLength(1)
    expect([...(two.items[0]?.payload ?? [])]).toEqual([2])
  })

  it('answers ping while connected and not after close', async () => {
    const a = fanout()
    await a.subscribe('p-ping', () => undefined)
    expect(await a.ping()).toBe(true)
    await a.close()
    expect(await a.ping()).toBe(false)
  })

  it('re-subscribes after Redis restarts and reports the documents that may have missed messages', async () => {
    const port = Number(new URL(redis.url).port)
    const resubscribed: string[][] = []
    const a = fanout()
    const b = fanout({ onResubscribed: (docs: string[]) => resubscribed.push(docs) })
    const inbox = new Inbox()
    await b.subscribe('p-restart', inbox.handler)

    await redis.stop()
    redis = await startRedis({ port })
    const deadline = Date.now() + 10_000
    while (resubscribed.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    expect(resubscribed).toEqual([['p-restart']])

    a.publish('p-restart', 'update', new Uint8Array([7]))
    expect((await inbox.waitFor(1, 10_000)).map((m) => [...m.payload])).toEqual([[7]])
  })

  it('opens documents while Redis is down and subscribes them when it is back', async () => {
    const port = Number(new URL(redis.url).port)
    const resubscribed: string[][] = []
    const a = fanout()
    const b = fanout({ onResubscribed: (docs: string[]) => resubscribed.push(docs) })
    await Promise.all([a.ping(), b.ping()])
    await redis.stop()

    const inbox = new Inbox()
    const started = Date.now()
    await b.subscribe('p-offline', inbox.handler)
    expect(Date.now() - started).toBeLessThan(2000)
    expect(await b.ping()).toBe(false)

    redis = await startRedis({ port })
    const deadline = Date.now() + 10_000
    while (resubscribed.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    expect(resubscribed).toEqual([['p-offline']])
    a.publish('p-offline', 'update', new Uint8Array([5]))
    expect((await inbox.waitFor(1, 10_000)).map((m) => [...m.payload])).toEqual([[5]])
  })
})
