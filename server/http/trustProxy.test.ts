import { describe, expect, it } from 'vitest'
import { createForwardedHttps, createTrustProxyResolver, parseTrustProxy } from './trustProxy'

describe('TRUST_PROXY', () => {
  it('believes no header by default', () => {
    const resolve = createTrustProxyResolver(parseTrustProxy(undefined))
    expect(resolve('203.0.113.7', '1.2.3.4')).toBe('203.0.113.7')
    expect(resolve('::ffff:127.0.0.1', '1.2.3.4')).toBe('127.0.0.1')
  })

  it('with a hop count takes the right-most entry our proxies did not write', () => {
    const one = createTrustProxyResolver(parseTrustProxy('1'))
    // nginx appends the address it saw; what the client sent stays on the left.
    expect(one('127.0.0.1', 'spoofed, 198.51.100.9')).toBe('198.51.100.9')
    expect(one('127.0.0.1', '198.51.100.9')).toBe('198.51.100.9')
    expect(one('127.0.0.1', undefined)).toBe('127.0.0.1')
    const two = createTrustProxyResolver(parseTrustProxy('2'))
    expect(two('10.0.0.2', '6.6.6.6, 198.51.100.9, 10.0.0.1')).toBe('198.51.100.9')
  })

  it('with a proxy list skips our proxies from the right', () => {
    const resolve = createTrustProxyResolver(parseTrustProxy('loopback, 10.0.0.0/8'))
    expect(resolve('127.0.0.1', '6.6.6.6, 198.51.100.9, 10.1.2.3')).toBe('198.51.100.9')
    expect(resolve('198.51.100.9', '6.6.6.6')).toBe('198.51.100.9')
    expect(resolve('127.0.0.1', 'not-an-ip, 10.1.1.1')).toBe('10.1.1.1')
    expect(resolve('::1', '2001:db8::5')).toBe('2001:db8::5')
  })

  it('refuses a malformed setting', () => {
    expect(() => parseTrustProxy('10.0.0.0/99')).toThrow(/prefix/)
    expect(() => parseTrustProxy('proxy.example')).toThrow(/not an address/)
    expect(parseTrustProxy('false')).toBeNull()
  })

  it('believes X-Forwarded-Proto only from a trusted proxy', () => {
    expect(createForwardedHttps(parseTrustProxy(undefined))('127.0.0.1', 'https')).toBe(false)
    const hop = createForwardedHttps(parseTrustProxy('1'))
    expect(hop('127.0.0.1', 'https')).toBe(true)
    expect(hop('127.0.0.1', 'http')).toBe(false)
    expect(hop('127.0.0.1', undefined)).toBe(false)
    // The value the proxy next to us wrote is the right-most one.
    expect(hop('127.0.0.1', 'http, HTTPS')).toBe(true)
    expect(hop('127.0.0.1', 'https, http')).toBe(false)
    const listed = createForwardedHttps(parseTrustProxy('loopback, 10.0.0.0/8'))
    expect(listed('::ffff:10.1.2.3', 'https')).toBe(true)
    expect(listed('::1', 'https')).toBe(true)
    // A client that reaches the server directly cannot claim HTTPS.
    expect(listed('198.51.100.9', 'https')).toBe(false)
  })
})
