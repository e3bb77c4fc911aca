/**
 * The client's address, for per-address limits (join attempts, WebSocket connections, sandbox
 * quotas). Which forwarded header to believe is a policy decided once, from `TRUST_PROXY`, in
 * `createAddressResolver`; routes only call `clientAddress(c, resolve)`.
 */
import type { IncomingMessage } from 'node:http'
import type { Context } from 'hono'
import type { Config } from '../config'
import {
  createForwardedHttps,
  createTrustProxyResolver,
  normaliseAddress,
  type ResolveAddress,
} from './trustProxy'

export type { ResolveAddress } from './trustProxy'

/** The address policy of a configuration (`TRUST_PROXY`; by default no header is believed). */
export function createAddressResolver(config: Pick<Config, 'trustProxy'>): ResolveAddress {
  return createTrustProxyResolver(config.trustProxy)
}

/**
 * Whether a request reached us over HTTPS: `PUBLIC_URL` is https, the request itself is, or a
 * proxy trusted by `TRUST_PROXY` says so in `X-Forwarded-Proto` (TLS ends at nginx).
 */
export function createHttpsCheck(config: Pick<Config, 'trustProxy' | 'publicUrl'>): (c: Context) => boolean {
  const always = config.publicUrl?.startsWith('https:') ?? false
  const forwarded = createForwardedHttps(config.trustProxy)
  return (c) =>
    always ||
    new URL(c.req.url).protocol === 'https:' ||
    forwarded(peerAddress(c), c.req.header('x-forwarded-proto'))
}

/** The TCP peer of a request served by @hono/node-server. */
export function peerAddress(c: Context): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
  return incoming?.socket?.remoteAddress ?? 'unknown'
}

/** The client's address under `resolve`; without one, the TCP peer. */
export function clientAddress(c: Context, resolve?: ResolveAddress): string {
  const peer = peerAddress(c)
  return resolve ? resolve(peer, c.req.header('x-forwarded-for')) : normaliseAddress(peer)
}
