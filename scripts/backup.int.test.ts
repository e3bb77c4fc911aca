/**
 * `npm run backup -- <file>` copies a running server's SQLite database with the compiled backup
 * command: no TypeScript loader, and nothing a production install (`npm ci --omit=dev`) lacks.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { SqliteDocumentStore } from '../server/storage/SqliteDocumentStore'
import { openRestoredStore, storedDoc } from '../server/testing/restoredStore'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>
  dependencies: Record<string, string>
}

describe('npm run backup', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'plenum-backup-'))
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('copies the database of a running server with compiled JavaScript', async () => {
    const store = new SqliteDocumentStore(dataDir)
    await store.init()
    const doc = new Y.Doc()
    const writes: Promise<void>[] = []
    doc.on('update', (update: Uint8Array) => writes.push(store.append('s-kept', update)))
    for (let i = 0; i < 20; i++) doc.getMap('notes').set(`n${i}`, `tekst ${i}`)
    await Promise.all(writes)

    // What `npm run backup -- <file>` runs, with the store still open as a server keeps it.
    const [command, ...args] = packageJson.scripts.backup.split(' ')
    expect(command).toBe('node')
    const target = join(dataDir, 'copy.db')
    const run = spawnSync(process.execPath, [...args, target], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, NODE_OPTIONS: '' },
      encoding: 'utf8',
    })
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toContain('integrity: ok')
    await store.close()

    // The copy is a whole store: a data folder with it as plenum.db has the document.
    const restored = await openRestoredStore(target, join(dataDir, 'restored'))
    const copy = await storedDoc(restored, 's-kept')
    expect(copy.getMap('notes').toJSON()).toEqual(doc.getMap('notes').toJSON())
    await restored.close()
  }, 60_000)

  it('is compiled code that imports only production dependencies', () => {
    const compiled = join(root, 'dist', 'server', 'backup.js')
    expect(existsSync(compiled)).toBe(true)
    const code = readFileSync(compiled, 'utf8')
    const packages = new Set(
      [...code.matchAll(/^import\s[^'"]*['"]([^'"]+)['"]/gm)]
        .map((m) => m[1])
        .filter((name) => !name.startsWith('node:') && !name.startsWith('.'))
        .map((name) => (name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0])),
    )
    expect(packages.size).toBeGreaterThan(0)
    for (const name of packages) expect(packageJson.dependencies, name).toHaveProperty([name])
  })
})
