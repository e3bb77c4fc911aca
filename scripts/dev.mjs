#!/usr/bin/env node
/**
 * `npm run dev`: the server (restarting on changes, tsx watch) and the Vite dev server with hot
 * reload, together. Vite proxies /api and /sync to the server (see vite.config.ts). Open the
 * Vite URL (http://localhost:5173). Ctrl-C stops both.
 */
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const serverPort = process.env.PLENUM_SERVER_PORT ?? process.env.PORT ?? '8080'
const env = { ...process.env, PORT: serverPort, PLENUM_SERVER_PORT: serverPort }

const children = [
  spawn(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'watch', 'server/main.ts'], {
    cwd: root,
    stdio: 'inherit',
    env,
  }),
  spawn(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), '--host'], {
    cwd: root,
    stdio: 'inherit',
    env,
  }),
]

let stopping = false
function stopAll(code) {
  if (stopping) return
  stopping = true
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
  setTimeout(() => process.exit(code), 500).unref()
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(0))
for (const child of children) child.on('exit', (code) => stopAll(code ?? 0))
