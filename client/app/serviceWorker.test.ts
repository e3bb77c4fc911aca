import { describe, expect, it } from 'vitest'
import { buildVersion, builtAssetPath } from './serviceWorker'

describe('buildVersion', () => {
  it('is the content hash of the entry chunk, so every build gets its own cache', () => {
    expect(buildVersion('http://127.0.0.1:8080/assets/index-B2x_9kQe.js')).toBe('B2x_9kQe')
    expect(buildVersion('https://plenum.example/assets/index-Zz-1aB2c.js')).toBe('Zz-1aB2c')
  })

  it('falls back to a fixed name for an unhashed entry (development server)', () => {
    expect(buildVersion('http://localhost:5173/main.tsx')).toBe('unversioned')
  })
})

describe('builtAssetPath', () => {
  const origin = 'http://127.0.0.1:8080'

  it('keeps same-origin built files, including tldraw fonts and translations', () => {
    expect(builtAssetPath(`${origin}/assets/PosterPage-uIGLBEFo.js`, origin)).toBe(
      '/assets/PosterPage-uIGLBEFo.js',
    )
    expect(builtAssetPath(`${origin}/assets/da-B9KANnZF.json`, origin)).toBe('/assets/da-B9KANnZF.json')
  })

  it('never keeps live data, other origins or unparseable names', () => {
    expect(builtAssetPath(`${origin}/api/assets/x.png`, origin)).toBeNull()
    expect(builtAssetPath('https://cdn.example/assets/a.js', origin)).toBeNull()
    expect(builtAssetPath(`${origin}/sync/p-1`, origin)).toBeNull()
    expect(builtAssetPath('not a url', origin)).toBeNull()
  })
})
