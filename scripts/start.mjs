#!/usr/bin/env node
/**
 * `npm start`: builds what is missing or older than its sources — the client (Vite, into
 * dist/client) and the server (esbuild, into dist/server) — then runs the compiled server in
 * this very process: one `node` process serves everything, no TypeScript loader at run time.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { buildServer, serverOutfile } from './buildServer.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const builtIndex = join(root, 'dist', 'client', 'index.html')
/** Everything the client bundle is built from. */
const clientSources = ['client', 'shared', 'vite.config.ts', 'package.json', 'package-lock.json']
/** Everything the server bundle is built from. */
const serverSources = ['server', 'shared', 'scripts/buildServer.mjs', 'package.json', 'package-lock.json']

/** Newest modification time under a path (files only, node_modules skipped). */
function newestMtime(path) {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = 0
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue
    newest = Math.max(newest, newestMtime(join(path, entry)))
  }
  return newest
}

/** True when `output` is missing or older than any of `sources`. */
function stale(output, sources) {
  if (process.env.PLENUM_SKIP_BUILD === '1') return false
  if (!existsSync(output)) return true
  const built = statSync(output).mtimeMs
  return sources.some((s) => newestMtime(join(root, s)) > built)
}

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

if (stale(serverOutfile, serverSources)) {
  process.stderr.write('Building the server (dist/server is missing or older than the sources)…\n')
  const status = buildServer()
  if (status !== 0) {
    process.stderr.write('The server build failed; not starting the server.\n')
    process.exit(status)
  }
}

const { main } = await import(pathToFileURL(serverOutfile).href)
await main().catch((err) => {
  process.stderr.write(`Plenum could not start: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
