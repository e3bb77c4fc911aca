#!/usr/bin/env node
/**
 * `npm start`: builds what is missing or older than its sources — the client (Vite, into
 * dist/client) and the server (esbuild, into dist/server) — then runs the compiled server in
 * this very process: one `node` process serves everything, no TypeScript loader at run time.
 */
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { ensureServerBuilt, serverOutfile, stale } from './buildServer.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const builtIndex = join(root, 'dist', 'client', 'index.html')
/** Everything the client bundle is built from. */
const clientSources = ['client', 'shared', 'vite.config.ts', 'package.json', 'package-lock.json']

if (stale(builtIndex, clientSources)) {
  process.stderr.write('Building the client (dist/client is missing or older than the sources)…\n')
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
    cwd: root,
    stdio: 'inherit',
  })
  if (build.status !== 0) {
    process.stderr.write('The client build failed; not starting the server.\n')
    process.exit(build.status ?? 1)
  }
}

const built = ensureServerBuilt()
if (built !== 0) {
  process.stderr.write('The server build failed; not starting the server.\n')
  process.exit(built)
}

const { main } = await import(pathToFileURL(serverOutfile).href)
await main().catch((err) => {
  process.stderr.write(`Plenum could not start: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
