#!/usr/bin/env node
/**
 * `npm run build:server`: compiles the server to ES modules in `dist/server` with esbuild —
 * `main.js` (the server) and `backup.js` (`npm run backup`). The sources are ESM TypeScript with
 * extensionless relative imports, which plain Node refuses; bundling resolves them (tsc would
 * emit them unchanged). Packages stay external: node_modules is read at run time as it is, only
 * our own code is compiled. Takes ~30 ms.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** Where the compiled server is written. */
export const serverOutdir = join(root, 'dist', 'server')
/** The compiled server. */
export const serverOutfile = join(serverOutdir, 'main.js')
/** The compiled backup command. */
export const backupOutfile = join(serverOutdir, 'backup.js')
/** Everything the compiled server is built from. */
const serverSources = [
  'server',
  'shared',
  'scripts/backup.ts',
  'scripts/buildServer.mjs',
  'package.json',
  'package-lock.json',
]

/** Newest modification time under a path (files only, node_modules skipped). */
export function newestMtime(path) {
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

/** True when `output` is missing or older than any of `sources` (paths from the root). */
export function stale(output, sources) {
  if (process.env.PLENUM_SKIP_BUILD === '1') return false
  if (!existsSync(output)) return true
  const built = statSync(output).mtimeMs
  return sources.some((s) => newestMtime(join(root, s)) > built)
}

/**
 * Bundles the server's entry points into `outdir`; returns the exit status of esbuild. Files are
 * written beside it first and renamed into place, so a process starting meanwhile (another
 * `npm start`, a test) reads either the old or the new file, never half of one.
 */
export function buildServer(outdir = serverOutdir) {
  const staging = `${outdir}.building-${process.pid}`
  // The esbuild executable rather than its JS API: the API keeps a service process alive.
  const result = spawnSync(
    join(root, 'node_modules', 'esbuild', 'bin', 'esbuild'),
    [
      'main=server/main.ts',
      'backup=scripts/backup.ts',
      '--bundle',
      '--platform=node',
      '--format=esm',
      '--target=node20',
      '--packages=external',
      '--sourcemap',
      '--log-level=warning',
      `--outdir=${staging}`,
    ],
    { cwd: root, stdio: 'inherit' },
  )
  if (result.status === 0) {
    mkdirSync(outdir, { recursive: true })
    for (const file of readdirSync(staging)) renameSync(join(staging, file), join(outdir, file))
  }
  rmSync(staging, { recursive: true, force: true })
  return result.status ?? 1
}

/**
 * Builds the server when its output is missing or older than its sources. Without esbuild
 * (installed with `npm ci --omit=dev`) what was built before is used as it is.
 */
export function ensureServerBuilt() {
  const output = [serverOutfile, backupOutfile].find((f) => stale(f, serverSources))
  if (!output) return 0
  if (!existsSync(join(root, 'node_modules', 'esbuild'))) {
    if ([serverOutfile, backupOutfile].every((f) => existsSync(f))) return 0
    process.stderr.write(
      'dist/server is missing and esbuild is not installed: run `npm run build` where it is.\n',
    )
    return 1
  }
  process.stderr.write('Building the server (dist/server is missing or older than the sources)…\n')
  return buildServer()
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exit(buildServer())
}
