#!/usr/bin/env node
/**
 * `npm start`: builds the client when dist/client is missing or older than its sources, then
 * runs the server (server/main.ts through tsx) in the foreground, passing signals on so the
 * server can shut down gracefully.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const builtIndex = join(root, 'dist', 'client', 'index.html')
/** Everything the client bundle is built from. */
const sources = ['client', 'shared', 'vite.config.ts', 'package.json', 'package-lock.json']

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

function needsBuild() {
  if (process.env.PLENUM_SKIP_BUILD === '1') return false
  if (!existsSync(builtIndex)) return true
  const built = statSync(builtIndex).mtimeMs
  return sources.some((s) => newestMtime(join(root, s)) > built)
}

if (needsBuild()) {
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

const server = spawn(
  process.execPath,
  [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'server/main.ts'],
  {
    cwd: root,
    stdio: 'inherit',
    env: process.env,
  },
)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
