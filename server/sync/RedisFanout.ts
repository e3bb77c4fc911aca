/**
 * Cross-instance fan-out over Redis pub/sub: every instance that has a document loaded
 * subscribes to that document's channel, publishes what it applied locally and applies what
 * the others publish. Redis only relays; storage stays the source of truth.
 *
 * Frame on the wire: [version:1][kind:1][instance id:16][payload]. The instance id lets an
 * instance drop its own messages, which Redis delivers back to every subscriber.
 */
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import type { Fanout, Logger } from './types.js'

const FRAME_VERSION = 1
const ID_BYTES = 16
const HEADER_BYTES = 2 + ID_BYTES
const KINDS = ['update', 'awareness'] as const

type Kind = (typeof KINDS)[number]
type Handler = (kind: Kind, payload: Uint8Array) => void

/** Options of the Redis fan-out. */
export interface RedisFanoutOptions {
  /** Channel prefix, so several deployments can share one Redis (default `plenum:`). */
  channelPrefix?: string
  /** Where connection problems are reported. */
  logger?: Logger
  /**
   * Called with the documents subscribed when the subscriber connection comes back after a
   * loss. Pub/sub does not replay what was published meanwhile, so the caller should merge
   * those documents from storage again.
   */
  onResubscribed?: (docNames: string[]) => void
}

/** `Fanout` over two ioredis connections (one publishes, one subscribes). */
export class RedisFanout implements Fanout {
  /** This instance's id, carried in every frame it publishes. */
  readonly instanceId: Buffer = randomBytes(ID_BYTES)
  private readonly publisher: Redis
  private readonly subscriber: Redis
  private readonly subscriptions = new Map<string, { handler: Handler; ready: Promise<unknown> }>()
  private readonly prefix: string
  private readonly logger: Logger | undefined
  private lostConnection = false
  private closed = false

  /** Connects to `url` (redis://…); connections retry on their own when Redis restarts. */
  constructor(url: string, options: RedisFanoutOptions = {}) {
    this.prefix = `${options.channelPrefix ?? 'plenum:'}doc:`
    this.logger = options.logger
    const connection = { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false }
    this.publisher = new Redis(url, { ...connection, connectionName: 'plenum-pub' })
    this.subscriber = new Redis(url, { ...connection, connectionName: 'plenum-sub' })
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
    // ioredis re-subscribes by itself on reconnect; tell the caller which rooms may have missed messages.
    this.subscriber.on('ready', () => {
      if (!this.lostConnection) return
      this.lostConnection = false
      const docs = [...this.subscriptions.keys()]
      this.logger?.info('redis subscriber reconnected', { documents: docs.length })
      if (docs.length > 0) options.onResubscribed?.(docs)
    })
  }

  async subscribe(docName: string, onMessage: Handler): Promise<void> {
    const existing = this.subscriptions.get(docName)
    if (existing) {
      existing.handler = onMessage
      await existing.ready
      return
    }
    // Resolves once Redis confirms, so anything published afterwards reaches this instance:
    // a room subscribes before it loads from storage and misses nothing in between.
    const ready = this.subscriber.subscribe(this.channel(docName))
    this.subscriptions.set(docName, { handler: onMessage, ready })
    await ready
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
