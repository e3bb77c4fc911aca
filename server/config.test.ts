import { describe, expect, it } from 'vitest'
import { readConfig } from './config'

describe('readConfig', () => {
  it('turns sandboxes off by default when the server listens beyond loopback', () => {
    expect(readConfig({}).allowSandbox).toBe(false)
    expect(readConfig({ HOST: '0.0.0.0' }).allowSandbox).toBe(false)
    expect(readConfig({ HOST: '127.0.0.1' }).allowSandbox).toBe(true)
    expect(readConfig({ HOST: 'localhost' }).allowSandbox).toBe(true)
    expect(readConfig({ HOST: '0.0.0.0', ALLOW_SANDBOX: 'true' }).allowSandbox).toBe(true)
    expect(readConfig({ HOST: '127.0.0.1', ALLOW_SANDBOX: 'off' }).allowSandbox).toBe(false)
  })

  it('reads the creation key', () => {
    expect(readConfig({}).createKey).toBeNull()
    expect(readConfig({ CREATE_KEY: 'k' }).createKey).toBe('k')
  })
})
