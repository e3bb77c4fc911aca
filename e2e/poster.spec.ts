/**
 * The live poster with two people: a note made by one appears for the other within a second,
 * each sees the other's cursor with their name, a reload keeps everything, and edits made on
 * both sides while offline merge when the network comes back.
 */
import { join } from 'node:path'
import { type Browser, type BrowserContext, expect, test } from '@playwright/test'
import { PNG } from 'pngjs'
import type { CreateWorkshopResponse, WorkshopView } from '../shared/api'
import { PosterPage, sandboxDocName } from './fixtures/PosterPage'

const ARTIFACTS = join(import.meta.dirname, 'artifacts')
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
const DESKTOP = { viewport: { width: 1280, height: 800 } }

/** A small PNG: a blue rectangle with a yellow square (a sketch of a floor plan). */
function samplePng(): Buffer {
  const png = new PNG({ width: 80, height: 60 })
  for (let y = 0; y < 60; y++) {
    for (let x = 0; x < 80; x++) {
      const i = (y * 80 + x) * 4
      const inner = x > 20 && x < 50 && y > 15 && y < 45
      png.data.set(inner ? [250, 204, 21, 255] : [29, 78, 216, 255], i)
    }
  }
  return PNG.sync.write(png)
}

async function openAs(browser: Browser, docName: string, name: string, options = DESKTOP) {
  const context = await browser.newContext(options)
  const poster = new PosterPage(await context.newPage())
  await poster.openSandbox(docName, name)
  return { context, poster }
}

test.describe('live poster', () => {
  let contexts: BrowserContext[] = []
  test.afterEach(async () => {
    for (const context of contexts) await context.close()
    contexts = []
  })

  test('two people see each other’s notes and cursors', async ({ browser }) => {
    const docName = sandboxDocName()
    const anna = await openAs(browser, docName, 'Anna')
    const bo = await openAs(browser, docName, 'Bo')
    contexts = [anna.context, bo.context]
    await anna.poster.waitForSaved()
    await bo.poster.waitForSaved()

    await anna.poster.createNote('Flere mødelokaler', { x: 420, y: 320 })
    const started = Date.now()
    await bo.poster.waitForNote('Flere mødelokaler', 1_000)
    test.info().annotations.push({ type: 'note latency (ms)', description: String(Date.now() - started) })

    await bo.poster.createNote('Fælles booking', { x: 700, y: 320 })
    await anna.poster.waitForNote('Fælles booking', 1_000)

    await bo.poster.moveCursor({ x: 600, y: 500 })
    await expect(anna.poster.cursorOf('Bo')).toBeVisible()
    await anna.poster.moveCursor({ x: 300, y: 520 })
    await expect(bo.poster.cursorOf('Anna')).toBeVisible()
    await expect(anna.poster.status).toHaveAttribute('data-status', 'saved')
    await anna.poster.page.screenshot({ path: join(ARTIFACTS, 'poster-desktop.png') })
  })

  // Apart from the test above: three browsers loading tldraw in one test outlast its time on a
  // loaded two-core machine.
  test('a reload keeps everything, and a phone opens the same poster', async ({ browser }) => {
    const docName = sandboxDocName('reloaded')
    const anna = await openAs(browser, docName, 'Anna')
    contexts = [anna.context]
    await anna.poster.createNote('Flere mødelokaler', { x: 420, y: 320 })
    await anna.poster.createNote('Fælles booking', { x: 700, y: 320 })
    await anna.poster.waitForSaved()
    await anna.poster.page.reload()
    await anna.poster.waitForCanvas()
    await anna.poster.waitForNote('Flere mødelokaler')
    await anna.poster.waitForNote('Fælles booking')

    const phone = await openAs(browser, docName, 'Carl', PHONE)
    contexts.push(phone.context)
    await phone.poster.waitForNote('Fælles booking')
    await phone.poster.page.screenshot({ path: join(ARTIFACTS, 'poster-phone.png') })
  })

  test('edits made on both sides while offline merge when the network returns', async ({ browser }) => {
    const docName = sandboxDocName('offline')
    const anna = await openAs(browser, docName, 'Anna')
    const bo = await openAs(browser, docName, 'Bo')
    contexts = [anna.context, bo.context]
    await anna.poster.createNote('Før afbrydelsen', { x: 300, y: 250 })
    await bo.poster.waitForNote('Før afbrydelsen')

    await anna.context.setOffline(true)
    await bo.context.setOffline(true)
    await expect(anna.poster.status).toHaveAttribute('data-status', 'offline', { timeout: 40_000 })
    await expect(bo.poster.status).toHaveAttribute('data-status', 'offline', { timeout: 40_000 })

    await anna.poster.createNote('Anna offline', { x: 300, y: 480 })
    await bo.poster.createNote('Bo offline', { x: 650, y: 480 })
    await expect(anna.poster.note('Bo offline')).toHaveCount(0)
    await anna.poster.page.screenshot({ path: join(ARTIFACTS, 'poster-offline.png') })

    await anna.context.setOffline(false)
    await bo.context.setOffline(false)
    for (const { poster } of [anna, bo]) {
      await poster.waitForNote('Anna offline', 20_000)
      await poster.waitForNote('Bo offline', 20_000)
      await poster.waitForNote('Før afbrydelsen')
      await poster.waitForSaved()
    }
  })

  test('an image added to the poster is stored by the server and shown to the others', async ({
    browser,
  }) => {
    const docName = sandboxDocName('image')
    const anna = await openAs(browser, docName, 'Anna')
    const bo = await openAs(browser, docName, 'Bo')
    contexts = [anna.context, bo.context]
    const page = anna.poster.page
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByTestId('tools.asset').click(),
    ])
    await chooser.setFiles({ name: 'plantegning.png', mimeType: 'image/png', buffer: samplePng() })
    for (const { poster } of [anna, bo]) {
      const image = poster.page.locator('.tl-shape[data-shape-type="image"] img').first()
      await expect(image).toHaveAttribute('src', /^(http:\/\/[^/]+)?\/api\/assets\//, { timeout: 15_000 })
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(80)
    }
  })

  test('a poster opened before opens again from this device while the network is down', async ({
    browser,
  }) => {
    const docName = sandboxDocName('local')
    const anna = await openAs(browser, docName, 'Anna')
    contexts = [anna.context]
    await anna.poster.createNote('Gemt lokalt', { x: 320, y: 300 })
    await anna.poster.waitForSaved()
    const page = anna.poster.page
    const goTo = (path: string) =>
      page.evaluate((to) => {
        history.pushState(null, '', to)
        dispatchEvent(new PopStateEvent('popstate'))
      }, path)
    // Leave the poster inside the app, lose the network, come back to it.
    await goTo('/elsewhere')
    await expect(anna.poster.canvas).toHaveCount(0)
    await anna.context.setOffline(true)
    await goTo(`/p/${docName}`)
    await anna.poster.waitForNote('Gemt lokalt')
    await expect(anna.poster.status).toHaveAttribute('data-status', 'offline')
    await anna.poster.createNote('Skrevet uden net', { x: 620, y: 300 })
    await anna.context.setOffline(false)
    await anna.poster.waitForSaved()

    const bo = await openAs(browser, docName, 'Bo')
    contexts.push(bo.context)
    await bo.poster.waitForNote('Skrevet uden net')
  })

  test('a poster reloaded while the server cannot be reached opens from this device', async ({ browser }) => {
    const docName = sandboxDocName('reload')
    const anna = await openAs(browser, docName, 'Anna')
    const bo = await openAs(browser, docName, 'Bo')
    contexts = [anna.context, bo.context]
    await anna.poster.createNote('Før genindlæsning', { x: 320, y: 300 })
    await anna.poster.waitForSaved()
    await anna.poster.waitForOfflineReady()

    // A full reload with no network: the app shell comes from the worker, the poster from IndexedDB.
    await anna.context.setOffline(true)
    await anna.poster.page.reload()
    await anna.poster.waitForNote('Før genindlæsning')
    await expect(anna.poster.status).toHaveAttribute('data-status', 'offline')
    await expect(anna.poster.status).toContainText('Offline')
    await anna.poster.createNote('Efter genindlæsning', { x: 640, y: 300 })
    await expect(anna.poster.status).toContainText('ændringer gemt på enheden')

    await anna.context.setOffline(false)
    await anna.poster.waitForSaved()
    await bo.poster.waitForNote('Efter genindlæsning')
    await bo.poster.waitForNote('Før genindlæsning')
  })

  test('a table’s poster reloaded offline opens from this device and syncs when the network returns', async ({
    browser,
    request,
  }) => {
    const created = await request.post('/api/workshops', {
      data: {
        title: 'Offline-bord',
        date: '2026-11-26',
        language: 'da',
        rounds: [{ title: 'Runde 1', questions: ['Hvad virker?'], minutes: 20 }],
        tables: 1,
      },
    })
    expect(created.ok(), await created.text()).toBe(true)
    const w = (await created.json()) as CreateWorkshopResponse
    const view = (await (
      await request.get(`/api/workshops/${w.workshopId}`, {
        headers: { authorization: `Bearer ${w.organizerKey}` },
      })
    ).json()) as WorkshopView
    const started = await request.post(`/api/workshops/${w.workshopId}/rounds/${view.rounds[0].id}/start`, {
      headers: { authorization: `Bearer ${w.organizerKey}` },
      data: {},
    })
    expect(started.ok(), await started.text()).toBe(true)

    const context = await browser.newContext(DESKTOP)
    contexts = [context]
    const page = await context.newPage()
    await page.goto(`/join/${w.tables[0].joinCode}`)
    await page.getByLabel('Dit navn').fill('Mette')
    await page.getByRole('button', { name: 'Deltag', exact: true }).click()
    // On a laptop joining leads straight to the table's poster.
    await expect(page).toHaveURL(new RegExp(`/w/${w.workshopId}/t/${w.tables[0].id}$`))
    const poster = new PosterPage(page)
    await poster.waitForCanvas()
    await poster.createNote('Bordets note', { x: 400, y: 420 })
    await poster.waitForSaved()
    await poster.waitForOfflineReady()

    await context.setOffline(true)
    await page.reload()
    await poster.waitForNote('Bordets note')
    await expect(poster.status).toHaveAttribute('data-status', 'offline')
    await poster.createNote('Skrevet offline', { x: 700, y: 420 })
    await context.setOffline(false)
    await poster.waitForSaved()

    const facilitator = await browser.newContext(DESKTOP)
    contexts.push(facilitator)
    const staff = new PosterPage(await facilitator.newPage())
    await staff.page.goto(`/w/${w.workshopId}/t/${w.tables[0].id}#k=${w.facilitatorKey}`)
    // Loading the page and syncing the note each get their own time (a loaded machine needs it).
    await staff.waitForCanvas()
    await staff.waitForNote('Skrevet offline')
    await staff.waitForNote('Bordets note')
  })

  test('online, a page load gets the server’s current app; offline, the kept copy', async ({ browser }) => {
    const docName = sandboxDocName('fresh')
    const anna = await openAs(browser, docName, 'Anna')
    contexts = [anna.context]
    await anna.poster.waitForOfflineReady()
    const page = anna.poster.page
    // Mark the kept copy of the page, as if it came from an older deploy.
    const markKeptPage = () =>
      page.evaluate(async () => {
        const name = (await caches.keys()).find((n) => n.startsWith('plenum-shell-'))
        if (!name) throw new Error('no shell cache')
        const cache = await caches.open(name)
        const kept = await cache.match('/index.html')
        if (!kept) throw new Error('no kept page')
        const html = (await kept.text()).replace('<body>', '<body data-kept-copy="yes">')
        await cache.put('/index.html', new Response(html, { headers: kept.headers }))
      })
    const body = page.locator('body')

    await markKeptPage()
    await page.reload()
    await anna.poster.waitForCanvas()
    await expect(body).not.toHaveAttribute('data-kept-copy', 'yes')

    await markKeptPage()
    await anna.context.setOffline(true)
    await page.reload()
    await anna.poster.waitForCanvas()
    await expect(body).toHaveAttribute('data-kept-copy', 'yes')
    await expect(anna.poster.status).toHaveAttribute('data-status', 'offline')
  })

  test('the Dansk/English switch changes our texts and tldraw’s own menus', async ({ browser }) => {
    const anna = await openAs(browser, sandboxDocName('lang'), 'Anna')
    contexts = [anna.context]
    const page = anna.poster.page
    const select = page.getByTestId('tools.select')
    await expect(page.getByRole('button', { name: 'Dansk' })).toHaveAttribute('aria-pressed', 'true')
    await expect(select).toHaveAttribute('aria-label', /Vælg/)
    await anna.poster.waitForSaved()
    await expect(anna.poster.status).toContainText('Gemt')

    await page.getByRole('button', { name: 'English' }).click()
    await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true')
    await expect(select).toHaveAttribute('aria-label', /Select/)
    await expect(anna.poster.status).toContainText('Saved')
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')

    // The choice is remembered on this device.
    await page.reload()
    await anna.poster.waitForCanvas()
    await expect(page.getByTestId('tools.select')).toHaveAttribute('aria-label', /Select/)
  })

  test('two tabs of one browser see each other’s cursors', async ({ browser }) => {
    const docName = sandboxDocName('tabs')
    const anna = await openAs(browser, docName, 'Anna')
    contexts = [anna.context]
    const second = new PosterPage(await anna.context.newPage())
    await second.page.goto(`/p/${docName}`)
    await second.waitForCanvas()

    await second.moveCursor({ x: 500, y: 420 })
    await expect(anna.poster.cursorOf('Anna')).toBeVisible()
    await anna.poster.moveCursor({ x: 300, y: 300 })
    await expect(second.cursorOf('Anna')).toBeVisible()
  })

  test('undo takes back only my own change, not a collaborator’s', async ({ browser }) => {
    const docName = sandboxDocName('undo')
    const anna = await openAs(browser, docName, 'Anna')
    const bo = await openAs(browser, docName, 'Bo')
    contexts = [anna.context, bo.context]
    await anna.poster.createNote('Annas idé', { x: 300, y: 300 })
    await bo.poster.waitForNote('Annas idé')
    await bo.poster.createNote('Bos idé', { x: 650, y: 300 })
    await anna.poster.waitForNote('Bos idé')

    await anna.poster.page.keyboard.press('ControlOrMeta+z')
    await expect(anna.poster.note('Annas idé')).toHaveCount(0)
    await expect(bo.poster.note('Annas idé')).toHaveCount(0)
    await expect(anna.poster.note('Bos idé')).toBeVisible()
    await expect(bo.poster.note('Bos idé')).toBeVisible()
  })
})
