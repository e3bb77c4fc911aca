/**
 * The facilitator's wall uses the screen: at 1920×1080 the tiles of 3, 4 and 30 tables fill
 * the space below the controls without scrolling, and with four tables every note's text is
 * shown at a readable size.
 */
import { join } from 'node:path'
import { type APIRequestContext, expect, type Page, test } from '@playwright/test'
import * as Y from 'yjs'
import { indexKey, testNote } from '../server/testing/testNote'
import { testProvider } from '../server/testing/testProvider'
import type { CreateWorkshopResponse, WorkshopView } from '../shared/api'
import { getRecordKV, writeRecord } from '../shared/docLayout'
import { ARTIFACTS, longScreenshotTest } from './fixtures/artifacts'

const QUESTIONS = ['Formål', 'Målgrupper', 'Budskaber', 'Aktiviteter og kanaler']

test.use({ locale: 'da-DK' })

async function workshop(request: APIRequestContext, tables: number) {
  const w = (await (
    await request.post('/api/workshops', {
      data: {
        title: `Væg med ${tables} borde`,
        date: '2026-11-22',
        language: 'da',
        rounds: [{ title: 'Plan', questions: QUESTIONS, minutes: 20 }],
        tables,
      },
    })
  ).json()) as CreateWorkshopResponse
  const view = (await (
    await request.get(`/api/workshops/${w.workshopId}`, {
      headers: { authorization: `Bearer ${w.facilitatorKey}` },
    })
  ).json()) as WorkshopView
  return { w, view }
}

/** Share of the grid's area covered by tiles, and whether the grid scrolls. */
async function coverage(page: Page) {
  return page.evaluate(() => {
    const grid = document.querySelector('.wall__grid') as HTMLElement
    const g = grid.getBoundingClientRect()
    let tiles = 0
    for (const tile of document.querySelectorAll('[data-testid="wall-tile"]')) {
      const r = tile.getBoundingClientRect()
      tiles += r.width * r.height
    }
    return {
      share: tiles / (g.width * g.height),
      scrolls:
        grid.scrollHeight > grid.clientHeight + 1 || document.documentElement.scrollHeight > innerHeight + 1,
      bottom: g.bottom,
    }
  })
}

test('the wall fills a 1080p screen for 3, 4 and 30 tables, and four tables read as text', async ({
  browser,
  baseURL,
  request,
}) => {
  longScreenshotTest(120_000)
  const base = baseURL as string
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, baseURL: base })
  const page = await context.newPage()

  for (const tables of [3, 30]) {
    const { w } = await workshop(request, tables)
    await page.goto(`/w/${w.workshopId}/wall#k=${w.facilitatorKey}`)
    await expect(page.getByTestId('wall-tile')).toHaveCount(tables)
    await expect.poll(async () => (await coverage(page)).share).toBeGreaterThan(0.7)
    const c = await coverage(page)
    console.log(`wall, ${tables} tables: tiles cover ${(c.share * 100).toFixed(0)} % of the grid`)
    expect(c.scrolls).toBe(false)
    expect(c.bottom).toBeLessThanOrEqual(1080)
    await page.screenshot({ path: join(ARTIFACTS, `wall-${tables}-tables-1920x1080.png`) })
  }

  // Four tables with five notes under each question: every note shown, as readable text.
  const { w, view } = await workshop(request, 4)
  for (const poster of view.posters) {
    const doc = new Y.Doc()
    const provider = testProvider(`${base.replace('http', 'ws')}/sync`, poster.docName, doc, {
      params: { token: w.facilitatorKey },
    })
    await new Promise<void>((resolve) =>
      provider.synced ? resolve() : provider.once('sync', () => resolve()),
    )
    doc.transact(() => {
      const kv = getRecordKV(doc)
      QUESTIONS.forEach((_, q) => {
        for (let i = 0; i < 5; i++) {
          const note = testNote(`q${q}n${i}`, q * 10 + i, `Idé ${i + 1} til spørgsmål ${q + 1}`)
          writeRecord(kv, {
            ...note,
            parentId: `shape:question-${q + 1}`,
            x: 30 + (i % 4) * 230,
            y: 120 + Math.floor(i / 4) * 230,
            index: indexKey(q * 10 + i + 10),
          })
        }
      })
    })
    await new Promise((resolve) => setTimeout(resolve, 200))
    provider.destroy()
  }
  await page.goto(`/w/${w.workshopId}/wall#k=${w.facilitatorKey}`)
  await expect(page.getByTestId('wall-tile')).toHaveCount(4)
  await expect(page.getByTestId('reading-note')).toHaveCount(4 * QUESTIONS.length * 5)
  const sizes = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="reading-note"]')].map((el) =>
      Number.parseFloat(getComputedStyle(el).fontSize),
    ),
  )
  console.log(`wall, 4 tables: note text ${Math.min(...sizes)}–${Math.max(...sizes)} px`)
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12)
  expect((await coverage(page)).scrolls).toBe(false)
  await page.screenshot({ path: join(ARTIFACTS, 'wall-4-tables-1920x1080.png') })
  // The drawing is one click away.
  await page.getByRole('button', { name: 'Tegning' }).click()
  await expect(page.locator('.wall-tile__svg')).toHaveCount(4)
  await context.close()
})

test('on a 1280×720 projector every tile of 30 tables keeps a poster you can see, by scrolling', async ({
  browser,
  baseURL,
  request,
}) => {
  longScreenshotTest()
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, baseURL })
  const page = await context.newPage()
  for (const tables of [4, 12, 30]) {
    const { w } = await workshop(request, tables)
    await page.goto(`/w/${w.workshopId}/wall#k=${w.facilitatorKey}`)
    await expect(page.getByTestId('wall-tile')).toHaveCount(tables)
    await page.screenshot({ path: join(ARTIFACTS, `wall-${tables}-tables-1280x720.png`) })
  }
  // The last workshop has 30 tables: each poster area is tall enough to recognise, and
  // scrolling brings it fully into view.
  const posters = page.locator('.wall-tile__poster')
  await expect(posters).toHaveCount(30)
  const heights = await posters.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height))
  console.log(`wall, 30 tables at 1280×720: poster ${Math.min(...heights).toFixed(0)} px high at least`)
  expect(Math.min(...heights)).toBeGreaterThanOrEqual(100)
  for (const i of [0, 29]) {
    await posters.nth(i).scrollIntoViewIfNeeded()
    await expect(posters.nth(i)).toBeInViewport({ ratio: 0.9 })
  }
  await context.close()
})
