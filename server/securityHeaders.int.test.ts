/**
 * Security headers on the pages and the API of a running server: a page policy on HTML, the
 * strictest policy elsewhere, no framing, no sniffing, no referrer; HSTS only over HTTPS.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type PlenumServer } from './app'
import { type Config, defaultConfig } from './config'

const running: Array<{ server: PlenumServer; dir: string }> = []
afterAll(async () => {
  for (const { server, dir } of running) {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
})

async function start(overrides: Partial<Config> = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'plenum-headers-'))
  const clientDir = join(dir, 'client')
  mkdirSync(clientDir)
  writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Plenum</title><div id="root"></div>')
  const server = await createServer({
    ...defaultConfig,
    port: 0,
    host: '127.0.0.1',
    dataDir: dir,
    clientDir,
    logLevel: 'silent',
    ...overrides,
  })
  running.push({ server, dir })
  return (await server.listen()).url
}

let url: string
beforeAll(async () => {
  url = await start()
})

const common = (h: Headers) => {
  expect(h.get('x-content-type-options')).toBe('nosniff')
  expect(h.get('referrer-policy')).toBe('no-referrer')
  expect(h.get('x-frame-options')).toBe('DENY')
  expect(h.get('content-security-policy')).toContain("frame-ancestors 'none'")
  expect(h.get('strict-transport-security')).toBeNull()
}

describe('security headers', () => {
  it('pages: start, join with a code, a set-up page and an unknown page', async () => {
    for (const path of ['/', '/join/K7Q2MX', '/w/abc123/setup', '/w/abc123/screen', '/no/such/page']) {
      const res = await fetch(`${url}${path}`)
      expect(res.headers.get('content-type'), path).toContain('text/html')
      common(res.headers)
      const csp = res.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("script-src 'self'")
      expect(csp).not.toContain('unsafe-eval')
      expect(csp).toContain("object-src 'none'")
    }
  })

  it('the API, its errors and the health check get the strictest policy', async () => {
    const responses = [
      await fetch(`${url}/api/openapi.json`),
      await fetch(`${url}/api/workshops`, {
        method: 'POST',
        body: '{',
        headers: { 'content-type': 'application/json' },
      }),
      await fetch(`${url}/api/workshops/nope`),
      await fetch(`${url}/healthz`),
    ]
    for (const res of responses) {
      common(res.headers)
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
    }
    expect(responses[1].status).toBe(400)
  })

  it('HSTS when the server is reached over HTTPS', async () => {
    const https = await start({ publicUrl: 'https://plenum.example.dk' })
    const res = await fetch(`${https}/api/openapi.json`)
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/)
  })

  it('HSTS when the trusted proxy in front says the client came over HTTPS', async () => {
    // TLS ends at nginx, which talks plain HTTP to us and says `X-Forwarded-Proto: https`.
    const proxied = await start({ trustProxy: '1' })
    const viaTls = await fetch(`${proxied}/`, { headers: { 'x-forwarded-proto': 'https' } })
    expect(viaTls.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/)
    const viaHttp = await fetch(`${proxied}/`, { headers: { 'x-forwarded-proto': 'http' } })
    expect(viaHttp.headers.get('strict-transport-security')).toBeNull()
    // Without TRUST_PROXY anyone could send the header: it is not believed.
    const direct = await fetch(`${url}/`, { headers: { 'x-forwarded-proto': 'https' } })
    expect(direct.headers.get('strict-transport-security')).toBeNull()
  })
})
