import { describe, expect, it } from 'vitest'
import { QuotaError, SandboxQuota } from './SandboxQuota'

const limits = { perAddress: 3, total: 5, assetBytesPerAddress: 20, assetBytesTotal: 30 }

describe('SandboxQuota', () => {
  it('bounds new posters per address and in total; known posters always open', async () => {
    const quota = new SandboxQuota(limits, async () => ['s-old1'])
    for (const n of ['s-a', 's-b', 's-c']) await quota.admitPoster('192.0.2.1', n)
    await expect(quota.admitPoster('192.0.2.1', 's-d')).rejects.toThrow(/at most 3 new free posters/)
    await quota.admitPoster('192.0.2.1', 's-a')
    await quota.admitPoster('192.0.2.1', 's-old1')
    await quota.admitPoster('192.0.2.2', 's-e')
    await expect(quota.admitPoster('192.0.2.3', 's-f')).rejects.toBeInstanceOf(QuotaError)
    await expect(quota.admitPoster('192.0.2.3', 's-f')).rejects.toThrow(/at most 5 free posters/)
  })

  it('bounds anonymous image bytes per address and in total, per day', () => {
    let t = 0
    const quota = new SandboxQuota(
      limits,
      async () => [],
      () => t,
    )
    quota.admitAsset('192.0.2.1', 15)
    expect(() => quota.admitAsset('192.0.2.1', 10)).toThrow(/from one address/)
    quota.admitAsset('192.0.2.2', 15)
    expect(() => quota.admitAsset('192.0.2.3', 1)).toThrow(/a day$/)
    t += 24 * 60 * 60 * 1000 + 1
    quota.admitAsset('192.0.2.1', 20)
  })
})
