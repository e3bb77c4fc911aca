/**
 * End-to-end tests against the real server serving the built client (run `vite build` first;
 * `npm run test:e2e` does). One server per run on a fixed loopback port with a fresh data dir.
 */
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defineConfig, devices } from '@playwright/test'

const PORT = Number(process.env.PLENUM_E2E_PORT ?? 18080)
const SYSTEM_CHROMIUM = '/usr/bin/chromium'
// Workers re-read this file; the data dir is chosen once, in the runner, and inherited.
// A dir created here is removed by the global teardown after the run.
if (!process.env.PLENUM_E2E_DATA_DIR) {
  process.env.PLENUM_E2E_DATA_DIR = mkdtempSync(join(tmpdir(), 'plenum-e2e-'))
  process.env.PLENUM_E2E_DATA_DIR_CREATED = process.env.PLENUM_E2E_DATA_DIR
}

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export default defineConfig({
  testDir: 'e2e',
  globalTeardown: './e2e/fixtures/globalTeardown.ts',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    video: 'off',
    locale: 'da-DK',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          args: chromiumArgs,
          ...(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}),
        },
      },
    },
  ],
  webServer: {
    command: 'npx tsx server/main.ts',
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: process.env.PLENUM_E2E_DATA_DIR,
      ALLOW_SANDBOX: 'true',
      LOG_LEVEL: 'warn',
    },
  },
})
