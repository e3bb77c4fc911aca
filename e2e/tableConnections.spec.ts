/**
 * A table's poster page follows the workshop (phase, timer, votes, who presents) over one
 * connection to its control document, whatever on the page reads it — also while another
 * table presents and the page shows the plenary banner.
 */
import { expect, test } from '@playwright/test'
import type { CreateWorkshopResponse, JoinResponse, WorkshopView } from '../shared/api'
import { controlDocName } from '../shared/docNames'
import { apiCaller } from './fixtures/api'
import { PosterPage } from './fixtures/PosterPage'

test.use({ locale: 'da-DK', viewport: { width: 1280, height: 800 } })

test('the table page opens the control document once, also while a table presents', async ({
  browser,
  request,
}) => {
  const api = apiCaller(request)
  const w = await api<CreateWorkshopResponse>('/api/workshops', {
    title: 'Én forbindelse',
    date: '2026-11-22',
    language: 'da',
    rounds: [{ title: 'Formål', questions: ['Formål'], minutes: 20 }],
    tables: 2,
  })
  const anna = await api<JoinResponse>('/api/join', { code: w.tables[0].joinCode, name: 'Anna' })
  const view = await api<WorkshopView>(`/api/workshops/${w.workshopId}`, undefined, w.facilitatorKey)
  await api(`/api/workshops/${w.workshopId}/rounds/${view.rounds[0].id}/start`, {}, w.facilitatorKey)

  const context = await browser.newContext()
  await context.addInitScript((s) => {
    localStorage.setItem(`plenum.participant.${s.workshopId}`, JSON.stringify({ ...s, name: 'Anna' }))
  }, anna)
  const page = await context.newPage()
  const control = `/sync/${controlDocName(w.workshopId)}?`
  const opened: string[] = []
  page.on('websocket', (ws) => {
    if (ws.url().includes(control)) opened.push(ws.url())
  })
  await page.goto(`/w/${w.workshopId}/t/${w.tables[0].id}`)
  const poster = new PosterPage(page)
  await poster.waitForCanvas()
  await poster.waitForSaved()
  await expect(page.getByTestId('round-status')).toHaveAttribute('data-phase', 'writing')

  await api(`/api/workshops/${w.workshopId}/present`, { tableId: w.tables[1].id }, w.facilitatorKey)
  await expect(page.getByTestId('presenting-banner')).toContainText(w.tables[1].name)
  await page.getByTestId('presenting-banner').getByRole('button').click()
  await expect(page.getByTestId('presenting-follow')).toBeVisible()
  expect(opened).toHaveLength(1)
  await context.close()
})
