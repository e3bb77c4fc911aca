/**
 * A hosted server with CREATE_KEY set: the start page asks for the creation key, says so when
 * it is missing or wrong, and creates the workshop with the right one. Runs its own server
 * (the shared one has no key) on the next port.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { type ServerProcess, startServerProcess } from '../server/testing/serverProcess'

const PORT = Number(process.env.PLENUM_E2E_PORT ?? 18080) + 1
const KEY = 'kommunens-oprettelsesnøgle-2026'
let server: ServerProcess
let dataDir: string

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'plenum-e2e-key-'))
  server = await startServerProcess({
    PORT: String(PORT),
    DATA_DIR: dataDir,
    CLIENT_DIR: join(import.meta.dirname, '..', 'dist', 'client'),
    CREATE_KEY: KEY,
  })
})
test.afterAll(async () => {
  await server?.kill()
  rmSync(dataDir, { recursive: true, force: true })
})

test('the start page asks for the creation key and creates the workshop with it', async ({ page }) => {
  await page.goto(`http://127.0.0.1:${PORT}/`)
  const key = page.getByLabel('Oprettelsesnøgle')
  await expect(key).toBeVisible()
  await page.screenshot({
    path: join(import.meta.dirname, 'artifacts', 'start-create-key.png'),
    fullPage: false,
  })
  await page.getByLabel('Titel', { exact: true }).fill('Workshop på den hostede server')
  await page.getByLabel('Titel på runde 1').fill('AS IS')
  const create = page.getByRole('button', { name: 'Opret en workshop' })

  await create.click()
  await expect(page.getByRole('alert')).toHaveText('Skriv oprettelsesnøglen først.')
  await key.fill('gæt')
  await create.click()
  await expect(page.getByRole('alert')).toHaveText('Oprettelsesnøglen er forkert.')
  await key.fill(KEY)
  await create.click()
  await expect(page.getByRole('heading', { name: 'Workshoppen er klar' })).toBeVisible()
})
