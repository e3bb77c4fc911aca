import { describe, expect, it } from 'vitest'
import { lanAddresses, urlsToOpen } from './main'

describe('urlsToOpen', () => {
  it('lists the public URL, localhost and every LAN address when serving all interfaces', () => {
    const urls = urlsToOpen({ host: '0.0.0.0', publicUrl: 'https://plenum.example.dk' }, 8080)
    expect(urls[0]).toBe('https://plenum.example.dk')
    expect(urls[1]).toBe('http://localhost:8080')
    expect(urls.slice(2)).toEqual(lanAddresses().map((ip) => `http://${ip}:8080`))
    for (const ip of lanAddresses()) expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/)
  })

  it('names only the bound host when bound to one address', () => {
    expect(urlsToOpen({ host: '127.0.0.1', publicUrl: null }, 9000)).toEqual(['http://127.0.0.1:9000'])
  })
})
