/**
 * Before the facilitator starts the round (`draft`), a participant who opens their table's
 * poster sees it view-only with a note that the round has not started, in Danish and in
 * English; drawing a sticky note does nothing, and nothing reaches the poster.
 */
import { expect, test } from '@playwright/test'
import * as Y from 'yjs'
import { testProvider } from '../server/testing/testProvider'
import type { CreateWorkshopResponse, JoinResponse } from '../shared/api'
import { readRecords } from '../shared/docLayout'
import { PosterPage } from './fixtures/PosterPage'

test('a participant cannot write on the poster before the round starts', async ({
  browser,
  baseURL,
  request,
}) => {
  const base = baseURL as string
  const created = await request.post('/api/workshops', {
    data: {
      title: 'Kladde',
      date: '2026-12-02',
      language: 'da',
      rounds: [{ title: 'Første runde', questions: ['Hvad?'] }],
      tables: 1,
    },
  })
  expect(created.ok()).toBe(true)
  const w = (await created.json()) as CreateWorkshopResponse
  const joined = await request.post('/api/join', { data: { code: w.tables[0].joinCode, name: 'Anna' } })
  expect(joined.ok()).toBe(true)
  const anna = (await joined.json()) as JoinResponse

  const context = await browser.newContext({
    baseURL: base,
    locale: 'da-DK',
    viewport: { width: 1280, height: 800 },
  })
  await context.addInitScript((s) => {
    const session = { ...s, name: 'Anna' }
    localStorage.setItem(`plenum.participant.${s.workshopId}`, JSON.stringify(session))
  }, anna)
  const page = await context.newPage()
  try {
    await page.goto(`/w/${w.workshopId}/t/${anna.tableId}`)
    const poster = new PosterPage(page)
    await poster.waitForCanvas()

    const status = page.getByTestId('round-status')
    await expect(status).toHaveAttribute('data-phase', 'draft')
    await expect(status).toContainText('Runden er ikke gået i gang endnu')

    // Try to draw a sticky note: the canvas is view-only, so none appears.
    // The canvas may be set up again once the round state arrives: take its box when it is settled.
    await expect(poster.canvas).toBeVisible()
    const box = await poster.canvas.boundingBox()
    await page.keyboard.press('Escape')
    await page.keyboard.press('n')
    await page.mouse.click(box!.x + 400, box!.y + 300)
    await page.keyboard.type('For tidligt')
    await page.keyboard.press('Escape')
    await page.waitForTimeout(1_000)
    await expect(poster.notes).toHaveCount(0)

    await page.getByRole('button', { name: 'English' }).click()
    await expect(status).toContainText('The round has not started yet')

    // And the stored poster holds no note either.
    const doc = new Y.Doc()
    const provider = testProvider(`${base.replace('http', 'ws')}/sync`, anna.posterDocName, doc, {
      params: { token: w.facilitatorKey },
    })
    await new Promise<void>((resolve) => provider.once('sync', () => resolve()))
    const notes = [...readRecords(doc).values()].filter((r) => r.typeName === 'shape' && r.type === 'note')
    expect(notes).toEqual([])
    provider.destroy()
  } finally {
    await context.close()
  }
})
