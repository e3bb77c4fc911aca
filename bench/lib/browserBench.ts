/**
 * What the browser benchmarks share: the whole server over the built client in a fresh data
 * folder, and headless Chromium started the same way each time.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, chromium } from '@playwright/test'
import { createServer, type PlenumServer } from '../../server/app'
import { type Config, defaultConfig } from '../../server/config'

/** Chromium flags that keep background work out of the measurements. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** A running server over the built client, with its own data folder. */
export interface BenchServer {
  server: PlenumServer
  url: string
  dataDir: string
  /** Stops the server and removes its data folder. */
  close(): Promise<void>
}

/** Starts the server on a free loopback port over `CLIENT_DIR` (default dist/client), data in a new `plenum-<name>-` folder. */
export async function startBenchServer(name: string, overrides: Partial<Config> = {}): Promise<BenchServer> {
  const clientDir = process.env.CLIENT_DIR ?? join(process.cwd(), 'dist', 'client')
  if (!existsSync(join(clientDir, 'index.html')))
    throw new Error('the client is not built: run npm run build first')
  const dataDir = mkdtempSync(join(tmpdir(), `plenum-${name}-`))
  const server = await createServer({
    ...defaultConfig,
    port: 0,
    host: '127.0.0.1',
    dataDir,
    clientDir,
    logLevel: 'warn',
    ...overrides,
  })
  const { url } = await server.listen()
  return {
    server,
    url,
    dataDir,
    close: async () => {
      await server.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Launches headless Chromium with `CHROMIUM_ARGS` and `extraArgs`, the system one when installed. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    args: [...CHROMIUM_ARGS, ...extraArgs],
    ...(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {}),
  })
}
