import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { serverNodeFlags } from './nodeFlags'

const scripts = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  .scripts as Record<string, string>

describe('the server runs with its V8 settings', () => {
  it('in npm start and npm run serve', () => {
    expect(scripts.start).toBe(`node ${serverNodeFlags.join(' ')} scripts/start.mjs`)
    expect(scripts.serve).toBe(`node ${serverNodeFlags.join(' ')} dist/server/main.js`)
  })
})
