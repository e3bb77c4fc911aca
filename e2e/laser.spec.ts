/**
 * The presenting table points with tldraw's laser tool; the projector draws the laser trail on
 * the presented poster while cursors and names stay hidden.
 */
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import type { CreateWorkshopResponse, JoinResponse, WorkshopView } from '../shared/api'
import { apiCaller } from './fixtures/api'
import { ARTIFACTS, longScreenshotTest } from './fixtures/artifacts'
import { CANVAS } from './fixtures/PosterPage'

test.use({ locale: 'da-DK' })

test('the presenting table’s laser pointer shows on the projector, without cursors', async ({
  browser,
  baseURL,
  request,
}) => {
  longScreenshotTest()
  const api = apiCaller(request)
  const w = await api<CreateWorkshopResponse>('/api/workshops', {
    title: 'Plenum med laser',
    date: '2026-11-22',
    language: 'da',
    rounds: [{ title: 'Formål', questions: ['Formål'], minutes: 20 }],
    tables: 2,
  })
  const table = w.tables[0]
  const anna = await api<JoinResponse>('/api/join', { code: table.joinCode, name: 'Anna' })
  const view = await api<WorkshopView>(`/api/workshops/${w.workshopId}`, undefined, w.facilitatorKey)
  await api(`/api/workshops/${w.workshopId}/rounds/${view.rounds[0].id}/start`, {}, w.facilitatorKey)
  // Presentations follow the locked round: the poster is read-only, yet the laser still points.
  await api(`/api/workshops/${w.workshopId}/rounds/${view.rounds[0].id}/lock`, {}, w.facilitatorKey)
  // The laser points at the canvas: the screen shows the whole poster as drawn.
  await api(`/api/workshops/${w.workshopId}/present`, { tableId: table.id, view: 'poster' }, w.facilitatorKey)

  const screenContext = await browser.newContext({ viewport: { width: 1280, height: 720 }, baseURL })
  const annaContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL })
  try {
    const screen = await screenContext.newPage()
    await screen.goto(`/w/${w.workshopId}/screen#k=${w.screenKey}`)
    await expect(screen.getByTestId('screen-table')).toHaveText(table.name)
    await expect(screen.locator('svg.screen__poster')).toBeVisible()

    await annaContext.addInitScript((s) => {
      localStorage.setItem(`plenum.participant.${s.workshopId}`, JSON.stringify({ ...s, name: 'Anna' }))
    }, anna)
    const tablet = await annaContext.newPage()
    await tablet.goto(`/w/${w.workshopId}/t/${table.id}`)
    const canvas = tablet.locator(CANVAS)
    await expect(canvas).toBeVisible()
    const box = (await canvas.boundingBox())!
    await tablet.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    // The laser is in the toolbar of the read-only poster (and on the keyboard as `k`).
    await tablet.locator('[data-testid="tools.laser"]').click()
    await tablet.mouse.move(box.x + box.width / 2, box.y + box.height / 2)

    // Keep pointing (tldraw fades a laser trail once the pointer rests) until the screen shows it.
    let pointing = true
    const wiggle = (async () => {
      await tablet.mouse.down()
      for (let i = 0; pointing && i < 400; i++) {
        const a = i / 6
        await tablet.mouse.move(
          box.x + box.width / 2 + Math.cos(a) * 160,
          box.y + box.height / 2 + Math.sin(a) * 110,
          { steps: 2 },
        )
        await tablet.waitForTimeout(30)
      }
      await tablet.mouse.up()
    })()
    try {
      const trail = screen.getByTestId('laser-trail').first()
      await expect(trail).toBeVisible()
      expect(Number(await trail.evaluate((el) => (el as SVGPolylineElement).points.length))).toBeGreaterThan(
        1,
      )
      await screen.screenshot({ path: join(ARTIFACTS, 'laser-screen.png') })
    } finally {
      pointing = false
      await wiggle
    }
    // Cursors and names of the table stay off the projector.
    await expect(screen.locator('.tl-collaborator__cursor, .tlui-layout')).toHaveCount(0)
    await expect(screen.getByText('Anna')).toHaveCount(0)
    // Once the table stops pointing the trail fades on the screen too.
    await expect(screen.getByTestId('laser-trail')).toHaveCount(0)
  } finally {
    await screenContext.close()
    await annaContext.close()
  }
})
