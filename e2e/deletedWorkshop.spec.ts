/**
 * Delete means gone, on the devices too: a phone that kept a table's poster for offline use
 * drops that copy the next time it opens the page after the organizer deleted the workshop.
 */
import { expect, type Page, test } from '@playwright/test'
import { PosterPage } from './fixtures/PosterPage'
import { LAPTOP, WorkshopDay } from './fixtures/workshopDay'

test.use({ locale: 'da-DK' })

let day: WorkshopDay
test.beforeEach(({ request, browser, baseURL }) => {
  day = new WorkshopDay(request, browser, baseURL as string)
})
test.afterEach(() => day.close())

const localCopies = (page: Page) =>
  page.evaluate(async () =>
    (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('plenum:')),
  )

test("a deleted workshop's poster leaves the device on its next visit", async ({ request }) => {
  const w = await day.create({
    title: 'Slettes efter aftale',
    rounds: [{ title: 'R1', questions: ['Hvad virker?'] }],
    tables: 1,
  })
  await day.act(0, 'start', { minutes: 20 })
  const mette = await day.join(0, 'Mette')
  const page = await day.open(day.tablePath(mette), LAPTOP, mette)
  const poster = new PosterPage(page)
  await poster.waitForCanvas()
  await expect.poll(() => localCopies(page)).toContain(`plenum:${mette.posterDocName}`)
  expect(
    await page.evaluate((id) => localStorage.getItem(`plenum.workshopView.${id}`), w.workshopId),
  ).not.toBeNull()

  const res = await request.delete(`/api/workshops/${w.workshopId}`, {
    headers: { authorization: `Bearer ${w.organizerKey}` },
  })
  expect(res.status()).toBe(204)

  await page.reload()
  await expect.poll(() => localCopies(page)).toEqual([])
  expect(
    await page.evaluate((id) => localStorage.getItem(`plenum.workshopView.${id}`), w.workshopId),
  ).toBeNull()
  expect(
    await page.evaluate((id) => localStorage.getItem(`plenum.participant.${id}`), w.workshopId),
  ).toBeNull()
})
