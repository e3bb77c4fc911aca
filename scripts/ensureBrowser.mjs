#!/usr/bin/env node
/**
 * Makes sure Playwright has a Chromium: Debian's /usr/bin/chromium when present (used as is),
 * otherwise Playwright's own build, installed on demand.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const SYSTEM_CHROMIUM = '/usr/bin/chromium'

if (existsSync(SYSTEM_CHROMIUM)) {
  process.stdout.write(`Using ${SYSTEM_CHROMIUM} for end-to-end tests.\n`)
} else {
  process.stdout.write('No system Chromium; installing Playwright’s Chromium…\n')
  const result = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit', shell: false })
  process.exit(result.status ?? 1)
}
