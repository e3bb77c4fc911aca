/**
 * The table's poster page leaves the poster free: at 1280×800 the private-writing strip and
 * the dot-voting panel never cover a note or a question, and what is clicked or typed in them
 * never reaches tldraw's shortcuts; tldraw's style panel shows only while something can be
 * styled. On a phone (390×844) the header is one line and the canvas gets the rest of the
 * screen, with a note's text at a readable size.
 */
import { join } from 'node:path'
import { type APIRequestContext, type Browser, expect, type Locator, type Page, test } from '@playwright/test'
import * as Y from 'yjs'
import { indexKey, testNote } from '../server/testing/testNote'
import { testProvider } from '../server/testing/testProvider'
import type { CreateWorkshopResponse, JoinResponse, WorkshopView } from '../shared/api'
import { getRecordKV, writeRecord } from '../shared/docLayout'
import type { RoundAction } from '../shared/rounds'
import { roundActionPath } from '../shared/roundsApi'
import { ARTIFACTS, longScreenshotTest } from './fixtures/artifacts'
import { CANVAS } from './fixtures/PosterPage'

const QUESTIONS = ['Formål', 'Målgrupper', 'Budskaber', 'Aktiviteter og kanaler']

test.use({ locale: 'da-DK' })

interface Box {
  x: number
  y: number
  width: number
  height: number
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

async function boxes(locator: Locator): Promise<Box[]> {
  const out: Box[] = []
  for (const el of await locator.all()) {
    const box = await el.boundingBox()
    if (box) out.push(box)
  }
  return out
}

/** A workshop of four questions with one note in the bottom-right corner of each question frame. */
async function setUp(request: APIRequestContext, base: string) {
  const w = (await (
    await request.post('/api/workshops', {
      data: {
        title: 'Plakatlayout',
        date: '2026-11-22',
        language: 'da',
        rounds: [{ title: 'Plan', questions: QUESTIONS, minutes: 20 }],
        tables: 1,
      },
    })
  ).json()) as CreateWorkshopResponse
  const auth = { authorization: `Bearer ${w.facilitatorKey}` }
  const view = (await (
    await request.get(`/api/workshops/${w.workshopId}`, { headers: auth })
  ).json()) as WorkshopView
  const joined = (await (
    await request.post('/api/join', { data: { code: w.tables[0].joinCode, name: 'Birgitte' } })
  ).json()) as JoinResponse
  const doc = new Y.Doc()
  const provider = testProvider(`${base.replace('http', 'ws')}/sync`, view.posters[0].docName, doc, {
    params: { token: w.facilitatorKey },
  })
  await new Promise<void>((resolve) => (provider.synced ? resolve() : provider.once('sync', () => resolve())))
  doc.transact(() => {
    const kv = getRecordKV(doc)
    QUESTIONS.forEach((_, q) => {
      const note = testNote(`corner${q}`, q, `Hjørne ${q + 1}`)
      writeRecord(kv, {
        ...note,
        parentId: `shape:question-${q + 1}`,
        x: 780,
        y: 540,
        index: indexKey(q + 40),
      })
    })
  })
  await new Promise((resolve) => setTimeout(resolve, 300))
  provider.destroy()
  const act = async (action: RoundAction, data: Record<string, unknown> = {}) => {
    const res = await request.post(roundActionPath(w.workshopId, view.rounds[0].id, action), {
      headers: auth,
      data,
    })
    expect(res.ok(), await res.text()).toBe(true)
  }
  return { w, joined, act }
}

async function openAsParticipant(
  browser: Browser,
  base: string,
  joined: JoinResponse,
  options: { viewport: { width: number; height: number }; isMobile?: boolean; hasTouch?: boolean },
): Promise<Page> {
  const context = await browser.newContext({ ...options, baseURL: base, locale: 'da-DK' })
  const page = await context.newPage()
  await page.addInitScript((p) => {
    localStorage.setItem(`plenum.participant.${p.workshopId}`, JSON.stringify({ ...p, name: 'Birgitte' }))
  }, joined)
  await page.goto(`/w/${joined.workshopId}/t/${joined.tableId}`)
  await expect(page.locator(CANVAS)).toBeVisible({ timeout: 20_000 })
  return page
}

/** Fails when `panel` covers any note or question frame on the canvas. */
async function expectClearOfPoster(page: Page, panel: Locator): Promise<void> {
  const notes = page.locator('.tl-shape[data-shape-type="note"]')
  await expect(notes).toHaveCount(QUESTIONS.length)
  const panelBox = await panel.boundingBox()
  expect(panelBox).not.toBeNull()
  const shapes = [
    ...(await boxes(notes)),
    ...(await boxes(page.locator('.tl-shape[data-shape-type="frame"]'))),
  ]
  expect(shapes.length).toBeGreaterThan(QUESTIONS.length)
  expect(shapes.filter((s) => overlaps(panelBox as Box, s))).toEqual([])
}

test('panels never cover the poster at 1280×800, and typing in them never reaches the canvas', async ({
  browser,
  baseURL,
  request,
}) => {
  longScreenshotTest()
  const base = baseURL as string
  const { joined, act } = await setUp(request, base)
  await act('private', { minutes: 10 })
  const page = await openAsParticipant(browser, base, joined, { viewport: { width: 1280, height: 800 } })
  const status = page.getByTestId('round-status')
  await expect(status).toHaveAttribute('data-phase', 'private')
  await expect(status).toContainText('Skriv hver for sig')
  await expectClearOfPoster(page, status)
  // tldraw's style panel would sit over the poster's top-right corner: it shows only while there
  // is something to style.
  const stylePanel = page.getByTestId('style.panel')
  await expect(stylePanel).toHaveCount(0)
  await page.screenshot({ path: join(ARTIFACTS, 'poster-private-1280x800.png') })

  // A click on the strip and a typed "r" leave tldraw's tool alone …
  const select = page.locator('.tlui-toolbar [data-value="select"]')
  await expect(select).toHaveAttribute('aria-pressed', 'true')
  await status.locator('.round-status__hint').click()
  await page.keyboard.type('r')
  await expect(select).toHaveAttribute('aria-pressed', 'true')
  // … while on the canvas the same key still picks the rectangle.
  const canvas = await page.locator(CANVAS).boundingBox()
  await page.mouse.click((canvas as Box).x + 150, (canvas as Box).y + (canvas as Box).height / 2)
  await page.keyboard.press('r')
  await expect(select).toHaveAttribute('aria-pressed', 'false')
  await expect(stylePanel).toBeVisible()
  await page.keyboard.press('v')
  await expect(stylePanel).toHaveCount(0)

  await act('reveal')
  await act('voting', { dots: 3 })
  const panel = page.getByTestId('voting-panel')
  await expect(panel.getByTestId('voting-note')).toHaveCount(QUESTIONS.length)
  await expectClearOfPoster(page, panel)
  await expectClearOfPoster(page, status)
  await panel.getByText('Prikafstemning').click()
  await page.keyboard.type('r')
  await expect(page.locator('.tlui-toolbar [data-value="rectangle"][aria-pressed="true"]')).toHaveCount(0)
  await page.screenshot({ path: join(ARTIFACTS, 'poster-voting-1280x800.png') })
  await page.context().close()
})

test('on a phone the header is one line and note text on the canvas is readable', async ({
  browser,
  baseURL,
  request,
}) => {
  test.setTimeout(90_000)
  const base = baseURL as string
  const { joined, act } = await setUp(request, base)
  await act('start', { minutes: 10 })
  const page = await openAsParticipant(browser, base, joined, {
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  })
  const header = page.locator('.pl-table-header')
  await expect(header).toContainText('Bord 1')
  const headerBox = (await header.boundingBox()) as Box
  // One line: no taller than its tallest control (a 32-44 px button) and a little padding.
  expect(headerBox.height).toBeLessThanOrEqual(50)
  // The table's name is shown whole; nothing sticks out of the line.
  const name = (await header.locator('.pl-table-header__table').boundingBox()) as Box
  const title = (await header.locator('.pl-table-header__title').boundingBox()) as Box
  expect(name.x + name.width).toBeLessThanOrEqual(title.x + title.width + 0.5)
  expect(await header.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0)
  const canvasBox = (await page.locator(CANVAS).boundingBox()) as Box
  expect(canvasBox.height).toBeGreaterThanOrEqual(844 * 0.8)
  // The questions are one tap away and open over the canvas, not above it.
  await header.getByText('Spørgsmål').click()
  await expect(header.getByText('Målgrupper')).toBeVisible()
  expect(((await page.locator(CANVAS).boundingBox()) as Box).height).toBe(canvasBox.height)
  await header.getByText('Spørgsmål').click()
  // Note text: tldraw draws it at 22 px × the zoom; a question frame is 1000 units wide.
  const frame = (await page.locator('.tl-shape[data-shape-type="frame"]').first().boundingBox()) as Box
  const notePx = (22 * frame.width) / 1000
  console.log(
    `phone: header ${headerBox.height} px, canvas ${canvasBox.height} px, note text ${notePx.toFixed(1)} px`,
  )
  expect(notePx).toBeGreaterThanOrEqual(14)
  await page.screenshot({ path: join(ARTIFACTS, 'poster-phone-390x844.png') })
  await page.context().close()
})
