#!/usr/bin/env node
/**
 * `npm run build:server`: compiles the server to one ES module, `dist/server/main.js`, with
 * esbuild. The sources are ESM TypeScript with extensionless relative imports, which plain
 * Node refuses; bundling resolves them (tsc would emit them unchanged). Packages stay external:
 * node_modules is read at run time as it is, only our own code is compiled. Takes ~30 ms.
 */
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** Where the compiled server is written. */
export const serverOutfile = join(root, 'dist', 'server', 'main.js')

/** Bundles server/main.ts; returns the exit status of esbuild. */
export function buildServer() {
  // The esbuild executable rather than its JS API: the API keeps a service process alive.
  const result = spawnSync(
    join(root, 'node_modules', 'esbuild', 'bin', 'esbuild'),
    [
      'server/main.ts',
      '--bundle',
      '--platform=node',
      '--format=esm',
      '--target=node20',
      '--packages=external',
      '--sourcemap',
      '--log-level=warning',
      `--outfile=${serverOutfile}`,
    ],
    { cwd: root, stdio: 'inherit' },
  )
  return result.status ?? 1
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exit(buildServer())
}
