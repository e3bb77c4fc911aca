/**
 * Cross-instance fan-out over Redis pub/sub: every instance that has a document loaded
 * subscribes to that document's channel, publishes what it applied locally and applies what
 * the others publish. Redis only relays; storage stays the source of truth.
 *
 * Frame on the wire: [version:1][kind:1][instance id:16][payload]. The instance id lets an
 * instance drop its own messages, which Redis delivers back to every subscriber.
 */
import { randomBytes } from 'node:crypto'
import type { Redis } from 'ioredis'
import { ioredisModule } from '../lazyModules'
import type { Fanout, Logger } from './types.js'

const FRAME_VERSION = 1
const ID_BYTES = 16
const HEADER_BYTES = 2 + ID_BYTES
const KINDS = ['update', 'awareness'] as const
// How long opening a document waits for a (re)connecting Redis before going on without it.
const CONNECT_WAIT_MS = 1000

type Kind = (typeof KINDS)[number]
type Handler = (kind: Kind, payload: Uint8Array) => void

/** Options of the Redis fan-out. */
export interface RedisFanoutOptions {
  /** Channel prefix, so several deployments can share one Redis (default `plenum:`). */
  channelPrefix?: string
  /** Where connection problems are reported. */
  logger?: Logger
  /**
   * Called with the documents subscribed once the subscriber connection comes back after a
   * loss (or first connects after documents were opened without it). Pub/sub does not replay
   * what was published meanwhile, so the caller should merge those documents from storage.
   */
  onResubscribed?: (docNames: string[]) => void
}

/** `Fanout` over two ioredis connections (one publishes, one subscribes). */
export class RedisFanout implements Fanout {
  /** This instance's id, carried in every frame it publishes. */
  readonly instanceId: Buffer = randomBytes(ID_BYTES)
  private readonly publisher: Redis
  private readonly subscriber: Redis
  private readonly subscriptions = new Map<string, { handler: Handler; ready: Promise<void> }>()
  /** Documents whose subscription Redis has not confirmed yet (it was unreachable). */
  private readonly unconfirmed = new Set<string>()
  private readonly onResubscribed: ((docNames: string[]) => void) | undefined
  private readonly prefix: string
  private readonly logger: Logger | undefined
  private lostConnection = false
  private closed = false

  /** Connects to `url` (redis://…); connections retry on their own when Redis restarts. */
  constructor(url: string, options: RedisFanoutOptions = {}) {
    this.prefix = `${options.channelPrefix ?? 'plenum:'}doc:`
    this.logger = options.logger
    const connection = { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false }
    const { Redis: RedisClient } = ioredisModule()
    this.publisher = new RedisClient(url, { ...connection, connectionName: 'plenum-pub' })
    this.subscriber = new RedisClient(url, { ...connection, connectionName: 'plenum-sub' })
    for (const [role, redis] of [
      ['publisher', this.publisher],
      ['subscriber', this.subscriber],
    ] as const) {
      redis.on('error', (error: Error) =>
        this.logger?.warn('redis connection error', { role, error: error.message }),
      )
    }
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => this.receive(channel, message))
    this.subscriber.on('close', () => {
      if (!this.closed) this.lostConnection = true
    })
    this.onResubscribed = options.onResubscribed
    this.subscriber.on('ready', () => void this.catchUp())
  }

  async subscribe(docName: string, onMessage: Handler): Promise<void> {
    const existing = this.subscriptions.get(docName)
    if (existing) {
      existing.handler = onMessage
      await existing.ready
      return
    }
    const ready = this.confirm(docName)
    this.subscriptions.set(docName, { handler: onMessage, ready })
    await ready
  }

  /**
   * Subscribes at Redis and resolves once Redis confirms, so anything published afterwards
   * reaches this instance (a room subscribes before it reads storage and misses nothing in
   * between). When Redis is unreachable it resolves at once, so documents still open; the
   * subscription is then made on reconnect and reported through `onResubscribed`.
   */
  private async confirm(docName: string): Promise<void> {
    if (!(await this.subscriberReady())) {
      this.unconfirmed.add(docName)
      return
    }
    try {
      await this.subscriber.subscribe(this.channel(docName))
    } catch (error) {
      this.unconfirmed.add(docName)
      this.logger?.warn('redis subscribe failed; will retry on reconnect', { docName, error: String(error) })
    }
  }

  /** Whether the subscriber connection is ready, waiting briefly while it (re)connects. */
  private subscriberReady(): Promise<boolean> {
    if (this.subscriber.status === 'ready') return Promise.resolve(true)
    return new Promise((resolve) => {
      const done = (ready: boolean) => {
        clearTimeout(timer)
        this.subscriber.off('ready', onReady)
        resolve(ready)
      }
      const onReady = () => done(true)
      const timer = setTimeout(() => done(false), CONNECT_WAIT_MS)
      this.subscriber.once('ready', onReady)
    })
  }

  /** After (re)connecting: subscribes what is missing, then names the documents that may have missed messages. */
  private async catchUp(): Promise<void> {
    const docs = this.lostConnection
      ? [...this.subscriptions.keys()]
      : [...this.unconfirmed].filter((doc) => this.subscriptions.has(doc))
    this.lostConnection = false
    this.unconfirmed.clear()
    if (docs.length === 0 || this.closed) return
    try {
      await this.subscriber.subscribe(...docs.map((doc) => this.channel(doc)))
    } catch (error) {
      for (const doc of docs) this.unconfirmed.add(doc)
      this.logger?.warn('redis re-subscribe failed; will retry on reconnect', { error: String(error) })
      return
    }
    this.logger?.info('redis subscriptions restored', { documents: docs.length })
    this.onResubscribed?.(docs)
  }

  async unsubscribe(docName: string): Promise<void> {
    if (!this.subscriptions.delete(docName)) return
    await this.subscriber.unsubscribe(this.channel(docName))
  }

  publish(docName: string, kind: Kind, payload: Uint8Array): void {
    const frame = Buffer.allocUnsafe(HEADER_BYTES + payload.byteLength)
    frame[0] = FRAME_VERSION
    frame[1] = KINDS.indexOf(kind)
    this.instanceId.copy(frame, 2)
    frame.set(payload, HEADER_BYTES)
    this.publisher.publish(this.channel(docName), frame).catch((error: Error) => {
      this.logger?.warn('redis publish failed', { docName, kind, error: error.message })
    })
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false
    try {
      const [a, b] = await Promise.all([this.publisher.ping(), this.subscriber.ping()])
      return a === 'PONG' && (b === 'PONG' || (Array.isArray(b) && b[0] === 'pong'))
    } catch {
      return false
    }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.subscriptions.clear()
    await Promise.allSettled([this.publisher.quit(), this.subscriber.quit()])
    this.publisher.disconnect()
    this.subscriber.disconnect()
  }

  private channel(docName: string): string {
    return this.prefix + docName
  }

  private receive(channel: Buffer, message: Buffer): void {
    const name = channel.toString()
    if (!name.startsWith(this.prefix)) return
    const subscription = this.subscriptions.get(name.slice(this.prefix.length))
    if (!subscription) return
    if (message.length < HEADER_BYTES || message[0] !== FRAME_VERSION) {
      this.logger?.warn('redis frame ignored: unknown format', { channel: name, bytes: message.length })
      return
    }
    const kind = KINDS[message[1] as number]
    if (!kind) return
    if (message.subarray(2, HEADER_BYTES).equals(this.instanceId)) return
    try {
      subscription.handler(
        kind,
        new Uint8Array(message.buffer, message.byteOffset + HEADER_BYTES, message.length - HEADER_BYTES),
      )
    } catch (error) {
      this.logger?.error('fan-out message handler failed', {
        channel: name,
        error: error instanceof Error ? error.message : String(error),
      })
    }
  }
}
