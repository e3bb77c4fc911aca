import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { type ServerProcess, startServerProcess } from '../server/testing/serverProcess'
import { serverNodeFlags } from './nodeFlags'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'plenum-start-'))
  let server: ServerProcess | null = null
  afterAll(async () => {
    await server?.kill()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('builds what is missing and serves from one node process running compiled JavaScript', async () => {
    // As package.json's start script runs it.
    server = await startServerProcess({ DATA_DIR: dataDir }, [
      ...serverNodeFlags,
      join(root, 'scripts', 'start.mjs'),
    ])
    expect(existsSync(join(root, 'dist', 'server', 'main.js'))).toBe(true)
    // No TypeScript loader and no child process: the server runs in the process npm started.
    const pid = server.child.pid as number
    expect(readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim()).toBe('')
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    expect(cmdline).not.toContain('tsx')
    for (const flag of serverNodeFlags) expect(cmdline).toContain(flag)
    const loaded = readFileSync(`/proc/${pid}/maps`, 'utf8')
    expect(loaded).not.toContain('esbuild')

    const base = `http://127.0.0.1:${server.port}`
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ ok: true })
    const page = await fetch(`${base}/`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="root">')
  }, 120_000)
})
