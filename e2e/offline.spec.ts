/**
 * The venue Wi-Fi drops and returns. A phone on the notes-only page says "offline" within a
 * second, no longer claims to know who is here, shows notes typed meanwhile as waiting, and
 * once the network is back reconnects at once and says "saved" within two seconds. The
 * facilitator's wall and the projector show a discreet "reconnecting" mark instead of stale
 * content, and catch up at once when the network returns.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, type BrowserContext, expect, type Locator, type Page, test } from '@playwright/test'
import * as Y from 'yjs'
import { testNote } from '../server/testing/testNote'
import { testProvider } from '../server/testing/testProvider'
import type { CreateWorkshopResponse, JoinResponse, WorkshopView } from '../shared/api'
import { getRecordKV, readRecords, writeRecord } from '../shared/docLayout'
import { posterDocName } from '../shared/docNames'
import { roundActionPath, roundPaths } from '../shared/roundsApi'
import { PosterPage } from './fixtures/PosterPage'

test.use({ locale: 'da-DK' })

const ARTIFACTS = join(import.meta.dirname, 'artifacts')
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
const PROJECTOR = { viewport: { width: 1920, height: 1080 } }
/** How long the network stays down: long enough for retry timers to have backed off to seconds. */
const DROP_MS = 8_000
const QUESTIONS = ['Hvem bruger kvadratmeterne?', 'Hvad fungerer godt?']

interface Workshop {
  w: CreateWorkshopResponse
  mette: JoinResponse
  jens: JoinResponse
  posterId: string
}

/** A workshop with one table whose round is running, and two participants of that table. */
async function runningWorkshop(page: Page): Promise<Workshop> {
  const request = page.request
  const post = async <T>(path: string, data: unknown, key?: string): Promise<T> => {
    const res = await request.post(path, { data, headers: key ? { authorization: `Bearer ${key}` } : {} })
    expect(res.ok(), `${path}: ${await res.text()}`).toBe(true)
    return (await res.json()) as T
  }
  const w = await post<CreateWorkshopResponse>('/api/workshops', {
    title: 'Netværket falder ud',
    date: '2026-11-26',
    language: 'da',
    rounds: [{ title: 'AS IS', questions: QUESTIONS, minutes: 20 }],
    tables: 1,
  })
  const mette = await post<JoinResponse>('/api/join', { code: w.tables[0].joinCode, name: 'Mette' })
  const jens = await post<JoinResponse>('/api/join', { code: w.tables[0].joinCode, name: 'Jens' })
  const res = await request.get(`/api/workshops/${w.workshopId}`, {
    headers: { authorization: `Bearer ${w.facilitatorKey}` },
  })
  const view = (await res.json()) as WorkshopView
  await post(roundActionPath(w.workshopId, view.rounds[0].id, 'start'), {}, w.facilitatorKey)
  const posterId = view.posters.find((p) => p.tableId === w.tables[0].id)?.id
  if (!posterId) throw new Error('the table has no poster')
  return { w, mette, jens, posterId }
}

/** Jens at the table, from a laptop whose network stays up: a plain y-websocket client. */
function laptop(baseURL: string, posterId: string, token: string, name: string) {
  const doc = new Y.Doc()
  const provider = testProvider(`${baseURL.replace('http', 'ws')}/sync`, posterDocName(posterId), doc, {
    params: { token },
  })
  provider.awareness.setLocalStateField('user', { id: name, name, color: '#4263eb' })
  const texts = () =>
    [...readRecords(doc).values()]
      .filter((r) => r.type === 'note')
      .map((r) => JSON.stringify(r.props))
      .join('\n')
  return { doc, provider, texts }
}

/** A browser of a participant who joined before (their session kept on the device). */
async function participantAt(
  browser: Browser,
  baseURL: string,
  session: JoinResponse,
  device: object = PHONE,
): Promise<BrowserContext> {
  const context = await browser.newContext({ ...device, baseURL, locale: 'da-DK' })
  await context.addInitScript((s) => {
    localStorage.setItem(
      `plenum.participant.${s.workshopId}`,
      JSON.stringify({
        token: s.token,
        participantId: s.participantId,
        workshopId: s.workshopId,
        tableId: s.tableId,
        tableName: s.tableName,
        name: 'Mette',
      }),
    )
  }, session)
  return context
}

/**
 * Times what the user sees, in the page itself: for each selector, when it first matched after
 * the browser's latest `offline` or `online` event. Measured in the page, so the test runner's
 * polling on a busy machine does not count.
 */
async function watchNetwork(context: BrowserContext, selectors: string[]): Promise<void> {
  await context.addInitScript((watched: string[]) => {
    const net = { changedAt: 0, seen: {} as Record<string, number> }
    ;(window as unknown as { __net: typeof net }).__net = net
    const check = () => {
      for (const s of watched)
        if (!(s in net.seen) && document.querySelector(s)) net.seen[s] = performance.now()
    }
    const changed = () => {
      net.changedAt = performance.now()
      net.seen = {}
      check()
    }
    addEventListener('offline', changed)
    addEventListener('online', changed)
    new MutationObserver(check).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    })
  }, selectors)
}

/** Milliseconds from the latest network event until `selector` matched (see `watchNetwork`). */
async function since(page: Page, selector: string): Promise<number> {
  await expect(page.locator(selector).first()).toBeAttached({ timeout: 5_000 })
  return page.evaluate((s) => {
    const net = (window as unknown as { __net: { changedAt: number; seen: Record<string, number> } }).__net
    return net.seen[s] === undefined ? Number.POSITIVE_INFINITY : Math.round(net.seen[s] - net.changedAt)
  }, selector)
}

const NOTES_OFFLINE = '[data-testid="notes-status"][data-status="offline"]'
const NOTES_SAVED = '[data-testid="notes-status"][data-status="saved"]'
const MARK = '[data-testid="reconnecting"]'
const NO_MARK = 'body:not(:has([data-testid="reconnecting"]))'
const NEW_NOTE = '[data-text="Mens nettet var væk"]'

test.beforeAll(() => mkdirSync(ARTIFACTS, { recursive: true }))

test('a phone on the notes-only page says at once when the Wi-Fi drops, and saves the moment it returns', async ({
  page,
  browser,
  baseURL,
}) => {
  const base = baseURL as string
  const { w, mette, jens, posterId } = await runningWorkshop(page)
  const desk = laptop(base, posterId, jens.token, 'Jens')
  const context = await participantAt(browser, base, mette)
  await watchNetwork(context, [NOTES_OFFLINE, NOTES_SAVED])
  try {
    const phone = await context.newPage()
    await phone.goto(`/w/${w.workshopId}/t/${w.tables[0].id}/notes`)
    const status = phone.getByTestId('notes-status')
    const here = phone.getByTestId('notes-here')
    const q1 = phone.getByRole('region', { name: QUESTIONS[0] })
    await expect(here).toHaveText('Her nu: Jens, Mette')
    await expect(status).toHaveAttribute('data-status', 'saved')

    // The Wi-Fi drops: the page says so within a second and no longer claims who is here.
    await context.setOffline(true)
    const offlineAfter = await since(phone, NOTES_OFFLINE)
    expect(offlineAfter).toBeLessThan(1_000)
    await expect(here).toHaveText('Her nu: ukendt, mens du er offline')
    await expect(status).toContainText('Offline')

    // A note typed meanwhile is kept on the phone and shown as waiting.
    await q1.getByLabel(/Ny note til/).fill('Skrevet uden net')
    await q1.getByRole('button', { name: 'Tilføj note' }).click()
    const written = q1.getByRole('listitem').filter({ hasText: 'Skrevet uden net' })
    await expect(written).toHaveAttribute('data-waiting', 'true')
    await expect(written).toContainText('Venter på nettet')
    await phone.screenshot({ path: join(ARTIFACTS, 'notes-offline-phone.png'), fullPage: true })
    expect(desk.texts()).not.toContain('Skrevet uden net')
    // A drop of several seconds: long enough for retry timers to have backed off.
    await phone.waitForTimeout(DROP_MS)
    await expect(written).toHaveAttribute('data-waiting', 'true')

    // The network returns: reconnected and saved within two seconds, the note reached the table.
    await context.setOffline(false)
    const savedAfter = await since(phone, NOTES_SAVED)
    expect(savedAfter).toBeLessThan(2_000)
    await expect(written).toHaveAttribute('data-waiting', 'false')
    await expect(written).not.toContainText('Venter på nettet')
    await expect(here).toHaveText('Her nu: Jens, Mette')
    await expect.poll(() => desk.texts(), { timeout: 2_000 }).toContain('Skrevet uden net')
    await phone.screenshot({ path: join(ARTIFACTS, 'notes-back-phone.png'), fullPage: true })
    console.log(`notes-only: offline shown after ${offlineAfter} ms, saved ${savedAfter} ms after online`)
  } finally {
    desk.provider.destroy()
    await context.close()
  }
})

test('the wall and the projector mark a dropped network and catch up the moment it returns', async ({
  page,
  browser,
  baseURL,
}) => {
  const base = baseURL as string
  const { w, jens, posterId } = await runningWorkshop(page)
  const present = await page.request.post(roundPaths.present(w.workshopId), {
    data: { tableId: w.tables[0].id },
    headers: { authorization: `Bearer ${w.facilitatorKey}` },
  })
  expect(present.ok()).toBe(true)
  const desk = laptop(base, posterId, jens.token, 'Jens')
  const wallContext = await browser.newContext({ ...PROJECTOR, baseURL: base, locale: 'da-DK' })
  const screenContext = await browser.newContext({ ...PROJECTOR, baseURL: base, locale: 'da-DK' })
  for (const c of [wallContext, screenContext]) await watchNetwork(c, [MARK, NO_MARK, NEW_NOTE])
  try {
    const wall = await wallContext.newPage()
    await wall.goto(`/w/${w.workshopId}/wall#k=${w.facilitatorKey}`)
    const screen = await screenContext.newPage()
    await screen.goto(`/w/${w.workshopId}/screen#k=${w.screenKey}`)
    const tile = wall.getByTestId('wall-tile')
    const projected = screen.getByTestId('reading-view')
    const shown = (scope: Locator, text: string) => scope.locator(`[data-text="${text}"]`)
    await new Promise<void>((resolve) =>
      desk.provider.synced ? resolve() : desk.provider.once('sync', () => resolve()),
    )
    desk.doc.transact(() => writeRecord(getRecordKV(desk.doc), testNote('before', 1, 'Før nettet faldt ud')))
    await expect(shown(tile, 'Før nettet faldt ud')).toHaveCount(1)
    await expect(shown(projected, 'Før nettet faldt ud')).toHaveCount(1)
    await expect(wall.getByTestId('reconnecting')).toHaveCount(0)
    await expect(screen.getByTestId('reconnecting')).toHaveCount(0)

    // The venue network drops for the wall and the projector: both say they are reconnecting.
    await Promise.all([wallContext.setOffline(true), screenContext.setOffline(true)])
    const markedAfter = [await since(wall, MARK), await since(screen, MARK)]
    for (const ms of markedAfter) expect(ms).toBeLessThan(1_000)
    await expect(wall.getByTestId('reconnecting')).toBeVisible()
    await expect(screen.getByTestId('reconnecting')).toHaveText('Genforbinder…')
    // The table writes on meanwhile.
    desk.doc.transact(() => writeRecord(getRecordKV(desk.doc), testNote('during', 2, 'Mens nettet var væk')))
    await wall.screenshot({ path: join(ARTIFACTS, 'wall-offline-1920.png') })
    await screen.screenshot({ path: join(ARTIFACTS, 'screen-offline-1920.png') })
    await wall.waitForTimeout(DROP_MS)
    await expect(shown(tile, 'Mens nettet var væk')).toHaveCount(0)

    // Back online: the mark goes and the table's new note is there within two seconds.
    await Promise.all([wallContext.setOffline(false), screenContext.setOffline(false)])
    const caughtUpAfter = []
    for (const p of [wall, screen]) caughtUpAfter.push(await since(p, NEW_NOTE), await since(p, NO_MARK))
    for (const ms of caughtUpAfter) expect(ms).toBeLessThan(2_000)
    await expect(shown(tile, 'Mens nettet var væk')).toHaveCount(1)
    await expect(shown(projected, 'Mens nettet var væk')).toHaveCount(1)
    console.log(
      `wall, screen: marked after ${markedAfter.join(', ')} ms; note and no mark ${caughtUpAfter.join(', ')} ms after online`,
    )
  } finally {
    desk.provider.destroy()
    await Promise.all([wallContext.close(), screenContext.close()])
  }
})

test('the canvas page no longer claims who is here while the laptop is offline', async ({
  page,
  browser,
  baseURL,
}) => {
  const base = baseURL as string
  const { w, mette, jens, posterId } = await runningWorkshop(page)
  const desk = laptop(base, posterId, jens.token, 'Jens')
  const context = await participantAt(browser, base, mette, { viewport: { width: 1280, height: 800 } })
  try {
    const tab = await context.newPage()
    await tab.goto(`/w/${w.workshopId}/t/${w.tables[0].id}`)
    const poster = new PosterPage(tab)
    await poster.waitForCanvas()
    const here = tab.locator('.pl-table-header__here')
    await expect(here).toHaveText(/Her nu: .*Jens/)
    await context.setOffline(true)
    await expect(poster.status).toHaveAttribute('data-status', 'offline', { timeout: 1_000 })
    await expect(here).toHaveText('Her nu: ukendt, mens du er offline')
    await context.setOffline(false)
    await expect(poster.status).toHaveAttribute('data-status', 'saved', { timeout: 2_000 })
    await expect(here).toHaveText(/Her nu: .*Jens/)
  } finally {
    desk.provider.destroy()
    await context.close()
  }
})
