/**
 * Which `X-Forwarded-For` entries to believe (`TRUST_PROXY`). Every proxy appends the address
 * it received the request from, so the list is `client, proxy1, proxy2` and only the entries
 * our own proxies appended are true; anything left of them is whatever the client wrote. The
 * client is therefore the right-most entry that is not one of our proxies.
 *
 * - unset, `false`, `0`: no header is believed; the client is the TCP peer (the default).
 * - a number N: N proxies in front of the server; the client is the N-th entry from the right
 *   (the TCP peer counts as the first hop).
 * - a list of addresses and CIDR ranges (`10.0.0.0/8, ::1`, `loopback`): entries from those are
 *   skipped from the right; the first other one is the client.
 */
import { BlockList, isIP } from 'node:net'

/** Picks the client's address from the TCP peer and the `X-Forwarded-For` header. */
export type ResolveAddress = (peer: string, forwardedFor: string | undefined) => string

/** Tells from the TCP peer and the `X-Forwarded-Proto` header whether the client used HTTPS. */
export type ForwardedHttps = (peer: string, forwardedProto: string | undefined) => boolean

/** `::ffff:1.2.3.4` is 1.2.3.4. */
export function normaliseAddress(address: string): string {
  const trimmed = address.trim()
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed)
  return (mapped ? mapped[1] : trimmed).toLowerCase()
}

function hops(peer: string, forwardedFor: string | undefined): string[] {
  const listed = (forwardedFor ?? '')
    .split(',')
    .map(normaliseAddress)
    .filter((a) => a !== '')
  return [...listed, normaliseAddress(peer)]
}

function proxyList(spec: string): BlockList {
  const list = new BlockList()
  for (const raw of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (raw === 'loopback') {
      list.addSubnet('127.0.0.0', 8, 'ipv4')
      list.addAddress('::1', 'ipv6')
      continue
    }
    const [address, bits] = raw.split('/')
    const family = isIP(address)
    if (family === 0) throw new Error(`TRUST_PROXY: "${raw}" is not an address, a CIDR range or "loopback"`)
    const type = family === 4 ? 'ipv4' : 'ipv6'
    if (bits === undefined) list.addAddress(address, type)
    else {
      const prefix = Number(bits)
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128))
        throw new Error(`TRUST_PROXY: "${raw}" has no valid prefix length`)
      list.addSubnet(address, prefix, type)
    }
  }
  return list
}

/** Checks `TRUST_PROXY` and returns it as it should be stored; throws with a message when malformed. */
export function parseTrustProxy(value: string | undefined): string | null {
  const spec = (value ?? '').trim()
  if (spec === '' || spec === 'false' || spec === '0') return null
  if (/^\d+$/.test(spec)) return spec
  proxyList(spec)
  return spec
}

/** The address policy of a `TRUST_PROXY` setting (as `parseTrustProxy` returns it). */
export function createTrustProxyResolver(trustProxy: string | null): ResolveAddress {
  if (trustProxy === null) return (peer) => normaliseAddress(peer)
  if (/^\d+$/.test(trustProxy)) {
    const trusted = Number(trustProxy)
    return (peer, forwardedFor) => {
      const list = hops(peer, forwardedFor)
      return list[Math.max(0, list.length - 1 - trusted)]
    }
  }
  const proxies = proxyList(trustProxy)
  const isProxy = (a: string) => {
    const family = isIP(a)
    return family !== 0 && proxies.check(a, family === 4 ? 'ipv4' : 'ipv6')
  }
  return (peer, forwardedFor) => {
    const list = hops(peer, forwardedFor)
    for (let i = list.length - 1; i >= 0; i--) {
      // A hop that is not an address was written by the client (or is garbage): stop before it.
      if (isIP(list[i]) === 0) return list[Math.min(i + 1, list.length - 1)]
      if (!isProxy(list[i])) return list[i]
    }
    return list[0]
  }
}

/**
 * Whether a trusted proxy says the client came over HTTPS (`X-Forwarded-Proto: https`). The
 * header counts only when `TRUST_PROXY` is set and the TCP peer is one of our proxies (any peer
 * for a hop count); its right-most value is the one the proxy next to us wrote (nginx
 * `proxy_set_header X-Forwarded-Proto $scheme` replaces whatever the client sent).
 */
export function createForwardedHttps(trustProxy: string | null): ForwardedHttps {
  if (trustProxy === null) return () => false
  const fromProxy = /^\d+$/.test(trustProxy)
    ? () => Number(trustProxy) > 0
    : (() => {
        const proxies = proxyList(trustProxy)
        return (peer: string) => {
          const address = normaliseAddress(peer)
          const family = isIP(address)
          return family !== 0 && proxies.check(address, family === 4 ? 'ipv4' : 'ipv6')
        }
      })()
  return (peer, forwardedProto) => {
    if (!forwardedProto || !fromProxy(peer)) return false
    const last = forwardedProto.split(',').pop() ?? ''
    return last.trim().toLowerCase() === 'https'
  }
}
