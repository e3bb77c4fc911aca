/**
 * The client's address, for per-address limits (join attempts, WebSocket connections). Which
 * forwarded header to believe is a policy decided once, from the configuration, in
 * `createAddressResolver`; routes only call `clientAddress(c, resolve)`.
 */
import type { IncomingMessage } from 'node:http'
import type { Context } from 'hono'
import type { Config } from '../config'

/** Picks the client's address from the TCP peer and the `X-Forwarded-For` header. */
export type ResolveAddress = (peer: string, forwardedFor: string | undefined) => string

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

/**
 * Believes `X-Forwarded-For` only from a reverse proxy on this machine (otherwise every client
 * behind the proxy would share one limit, and a remote client could pick its own address).
 */
export const trustLoopbackProxy: ResolveAddress = (peer, forwardedFor) => {
  const forwarded = forwardedFor?.split(',')[0]?.trim()
  return LOOPBACK.has(peer) && forwarded ? forwarded : peer
}

/** The address policy for a configuration (the seam for a trusted-proxy setting). */
export function createAddressResolver(_config: Config): ResolveAddress {
  return trustLoopbackProxy
}

/** The TCP peer of a request served by @hono/node-server. */
export function peerAddress(c: Context): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
  return incoming?.socket?.remoteAddress ?? 'unknown'
}

/** The client's address under `resolve`. */
export function clientAddress(c: Context, resolve: ResolveAddress = trustLoopbackProxy): string {
  return resolve(peerAddress(c), c.req.header('x-forwarded-for'))
}
