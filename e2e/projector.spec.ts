/**
 * The projector read from the back of the room: a four-question poster presented in plenary
 * shows every note's text at 24 CSS px or more on a 1280×720 projector without anyone pressing
 * a key (the reading view), and the presenter can still switch to the whole poster as drawn.
 * Sizes are measured from the rendered page at 1280×720 and 1920×1080.
 */
import { join } from 'node:path'
import { expect, type Page, test } from '@playwright/test'
import * as Y from 'yjs'
import { indexKey, testNote } from '../server/testing/testNote'
import { testProvider } from '../server/testing/testProvider'
import type { CreateWorkshopResponse, WorkshopView } from '../shared/api'
import { getRecordKV, writeRecord } from '../shared/docLayout'
import { roundActionPath } from '../shared/roundsApi'
import { ARTIFACTS, longScreenshotTest } from './fixtures/artifacts'

const QUESTIONS = ['Formål', 'Målgrupper', 'Budskaber', 'Aktiviteter og kanaler']
const NOTES = [
  'Borgerne skal inddrages tidligt i processen',
  'Flere unge med i dialogen',
  'Kort og klart sprog i alle breve',
  'Møder om aftenen, ikke kl. 14',
  'Brug biblioteket som mødested',
]

/** Note text sizes (CSS px) of the cards the screen shows, and whether each lies inside the window. */
async function readingSizes(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="reading-note"]')].map((el) => {
      const r = el.getBoundingClientRect()
      return {
        text: el.dataset.text ?? '',
        px: Number.parseFloat(getComputedStyle(el).fontSize),
        inside: r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight + 0.5 && r.right <= innerWidth + 0.5,
      }
    }),
  )
}

/** Note text size (CSS px) on the whole-poster canvas view. */
async function canvasNotePx(page: Page): Promise<number> {
  return page.evaluate(() => {
    const text = document.querySelector(
      'svg.screen__poster g[data-kind="note"] text',
    ) as SVGTextElement | null
    const svg = document.querySelector('svg.screen__poster') as SVGSVGElement | null
    if (!text || !svg) return 0
    return Number(text.getAttribute('font-size')) * (svg.getScreenCTM()?.a ?? 0)
  })
}

test('the projector shows a four-question poster legibly from the back without a key press', async ({
  browser,
  baseURL,
  request,
}) => {
  longScreenshotTest()
  const base = baseURL as string
  const created = await request.post('/api/workshops', {
    data: {
      title: 'Borgerinddragelse',
      date: '2026-11-22',
      language: 'da',
      rounds: [{ title: 'Plan', questions: QUESTIONS, minutes: 20 }],
      tables: 2,
    },
  })
  const w = (await created.json()) as CreateWorkshopResponse
  const auth = { authorization: `Bearer ${w.facilitatorKey}` }
  const view = (await (
    await request.get(`/api/workshops/${w.workshopId}`, { headers: auth })
  ).json()) as WorkshopView
  const poster = view.posters.find((p) => p.tableId === w.tables[0].id)!

  // Five notes under each question, as children of the question frames like the canvas makes them.
  const doc = new Y.Doc()
  const provider = testProvider(`${base.replace('http', 'ws')}/sync`, poster.docName, doc, {
    params: { token: w.facilitatorKey },
  })
  try {
    await new Promise<void>((resolve) =>
      provider.synced ? resolve() : provider.once('sync', () => resolve()),
    )
    doc.transact(() => {
      const kv = getRecordKV(doc)
      QUESTIONS.forEach((_, q) => {
        NOTES.forEach((text, i) => {
          const note = testNote(`q${q}n${i}`, q * 10 + i, `${text} (${q + 1})`)
          writeRecord(kv, {
            ...note,
            parentId: `shape:question-${q + 1}`,
            x: 30 + (i % 4) * 230,
            y: 120 + Math.floor(i / 4) * 230,
            index: indexKey(q * 10 + i + 10),
          })
        })
      })
    })
    const started = await request.post(roundActionPath(w.workshopId, view.rounds[0].id, 'start'), {
      headers: auth,
      data: {},
    })
    expect(started.ok(), await started.text()).toBe(true)
    const presented = await request.post(`/api/workshops/${w.workshopId}/present`, {
      headers: auth,
      data: { tableId: w.tables[0].id },
    })
    expect(presented.ok(), await presented.text()).toBe(true)

    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, baseURL: base })
    const screen = await context.newPage()
    await screen.goto(`/w/${w.workshopId}/screen#k=${w.screenKey}`)
    await expect(screen.getByTestId('screen-table')).toHaveText(w.tables[0].name)
    await expect(screen.getByTestId('reading-note')).toHaveCount(QUESTIONS.length * NOTES.length)

    const figures: Record<string, number> = {}
    for (const [width, height] of [
      [1280, 720],
      [1920, 1080],
    ]) {
      await screen.setViewportSize({ width, height })
      await expect
        .poll(async () => Math.min(...(await readingSizes(screen)).map((s) => s.px)))
        .toBeGreaterThanOrEqual(24)
      const sizes = await readingSizes(screen)
      expect(sizes).toHaveLength(QUESTIONS.length * NOTES.length)
      expect(sizes.filter((s) => !s.inside)).toEqual([])
      figures[`reading${width}`] = Math.min(...sizes.map((s) => s.px))
      await screen.screenshot({ path: join(ARTIFACTS, `projector-reading-${width}x${height}.png`) })
    }
    // Each question's title is on the screen with its notes.
    await expect(screen.getByTestId('reading-question')).toHaveCount(QUESTIONS.length)

    // The presenter switches to the whole poster as drawn; every screen follows.
    const presenterContext = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      baseURL: base,
    })
    const presenter = await presenterContext.newPage()
    await presenter.goto(`/w/${w.workshopId}/present#k=${w.facilitatorKey}`)
    await expect(presenter.getByTestId('presenter-stage').getByTestId('reading-note')).toHaveCount(20)
    await presenter.screenshot({ path: join(ARTIFACTS, 'projector-presenter.png') })
    await presenter.getByRole('button', { name: 'Hele plakaten (lærred)' }).click()
    await expect(screen.locator('svg.screen__poster g[data-kind="note"]')).toHaveCount(20)
    figures.canvas1920 = await canvasNotePx(screen)
    await screen.setViewportSize({ width: 1280, height: 720 })
    figures.canvas1280 = await canvasNotePx(screen)
    // Back to reading with the key, then one question on its own with its number.
    await presenter.keyboard.press('p')
    await expect(screen.getByTestId('reading-note')).toHaveCount(20)
    await presenter.keyboard.press('2')
    await expect(screen.getByTestId('reading-note')).toHaveCount(NOTES.length)
    await expect(screen.getByTestId('reading-question')).toContainText('Målgrupper')
    figures.question1280 = Math.min(...(await readingSizes(screen)).map((s) => s.px))
    await screen.screenshot({ path: join(ARTIFACTS, 'projector-question-1280x720.png') })
    console.log(`note text on the projector (CSS px): ${JSON.stringify(figures)}`)
    test.info().annotations.push({ type: 'projector', description: JSON.stringify(figures) })
    expect(figures.question1280).toBeGreaterThanOrEqual(figures.reading1280)
    await presenterContext.close()
    await context.close()
  } finally {
    provider.destroy()
  }
})
