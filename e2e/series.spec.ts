/**
 * A workshop series as the organizer and a group live it: after workshop 1 the organizer opens
 * homework on the set-up page; a participant from the workshop day opens their group's notes
 * page on a phone days later with the same token and adds a note; the organizer and the wall
 * see it highlighted; workshop 2, created as a follow-up, opens with that note on the group's
 * poster.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { PDFDocument } from 'pdf-lib'
import { PosterPage } from './fixtures/PosterPage'
import { LAPTOP, PHONE, WorkshopDay } from './fixtures/workshopDay'

test.use({ locale: 'da-DK' })

const ARTIFACTS = join(import.meta.dirname, 'artifacts')
const Q1 = 'Hvor er jeres kommune på trappen?'
const HOMEWORK = 'Skriv erfaringer fra jeres projekter ind'
const NOTE = 'Erfaring: KMD-data om m² er forældede'

let day: WorkshopDay
test.beforeEach(({ request, browser, baseURL }) => {
  day = new WorkshopDay(request, browser, baseURL as string)
})
test.afterEach(() => day.close())

test('homework after workshop 1 reaches workshop 2 on the group poster', async () => {
  test.setTimeout(120_000)
  const w1 = await day.create({
    title: 'Workshop 1: AS IS',
    place: 'Odense',
    rounds: [{ title: 'Trappemodellen', questions: [Q1] }],
    tables: [{ name: 'Trin 1' }, { name: 'Trin 2' }],
  })
  await day.act(0, 'start', { minutes: 20 })
  const mette = await day.join(0, 'Mette')
  await day.act(0, 'lock')

  // The organizer opens homework on the set-up page.
  const setup = await day.open(`/w/${w1.workshopId}/setup#k=${w1.organizerKey}`, LAPTOP)
  const panel = setup.getByTestId('homework-panel')
  await panel.getByLabel('Hvad grupperne skal gøre (én per linje)').fill(HOMEWORK)
  await panel.getByRole('button', { name: 'Åbn hjemmearbejde' }).click()
  await expect(panel.getByTestId('homework-state')).toContainText('Åben indtil')
  await expect(panel.getByTestId('homework-row')).toHaveCount(2)

  // Days later, on a phone, with the token kept from the workshop day.
  const phoneContext = await day.browser.newContext({ ...PHONE, baseURL: day.baseURL, locale: 'da-DK' })
  day.contexts.push(phoneContext)
  const phone = await phoneContext.newPage()
  await phone.clock.install({ time: new Date(Date.now() + 3 * 86_400_000) })
  await phone.addInitScript((s) => {
    localStorage.setItem(`plenum.participant.${s.workshopId}`, JSON.stringify(s))
    localStorage.setItem('plenum.user', JSON.stringify({ id: s.participantId, name: s.name, color: '' }))
  }, mette)
  await phone.goto(day.tablePath(mette, true))
  await expect(phone.getByTestId('homework-deadline')).toContainText('Åben indtil')
  // The homework question comes first and is told apart from the workshop's own question 1.
  await expect(phone.locator('.pl-question h2')).toHaveText([`Hjemmearbejde: 1. ${HOMEWORK}`, `1. ${Q1}`])
  await phone.screenshot({ path: join(ARTIFACTS, 'series-notes-phone-390x844.png'), fullPage: true })
  const section = phone.getByRole('region', { name: `Hjemmearbejde: 1. ${HOMEWORK}` })
  await section.getByPlaceholder('Skriv en ny note…').fill(NOTE)
  await section.getByRole('button', { name: 'Tilføj note' }).click()
  await expect(section.getByText(NOTE)).toBeVisible()
  await expect(phone.getByText('Gemt', { exact: false }).first()).toBeVisible()

  // The organizer sees what the group did; the wall outlines it.
  await setup.reload()
  const row = setup.getByTestId('homework-row').filter({ hasText: 'Trin 1' })
  await expect(row).toHaveAttribute('data-changed', 'true')
  await expect(row.getByTestId('homework-changes')).toContainText('nye: 1')
  await expect(row.getByTestId('homework-changes')).toContainText('Mette')
  await panel.screenshot({ path: join(ARTIFACTS, 'series-homework-1280x800.png') })
  // On the organizer's phone the group rows fit the screen: nothing to scroll sideways.
  const setupPhone = await day.open(`/w/${w1.workshopId}/setup#k=${w1.organizerKey}`, PHONE)
  const phonePanel = setupPhone.getByTestId('homework-panel')
  await expect(phonePanel.getByTestId('homework-row')).toHaveCount(2)
  await phonePanel.scrollIntoViewIfNeeded()
  await setupPhone.screenshot({ path: join(ARTIFACTS, 'series-homework-phone-setup-390x844.png') })
  for (const part of await phonePanel
    .locator('[data-testid="homework-row"], [data-testid="homework-row"] *')
    .all()) {
    const box = await part.boundingBox()
    if (box) expect(box.x + box.width).toBeLessThanOrEqual(390)
  }
  await phone.screenshot({ path: join(ARTIFACTS, 'series-homework-phone-390x844.png') })
  const wall = await day.open(`/w/${w1.workshopId}/wall#k=${w1.facilitatorKey}`, {
    viewport: { width: 1920, height: 1080 },
  })
  const tile = wall.locator('[data-testid="wall-tile"]').filter({ hasText: 'Trin 1' })
  await expect(tile.getByTestId('tile-new')).toContainText('Nyt siden workshoppen: 1')
  // A few tables show their notes as text: the new note's card is outlined.
  await expect(tile.locator('[data-testid="reading-note"][data-changed="true"]')).toHaveCount(1)
  await wall.screenshot({ path: join(ARTIFACTS, 'series-wall-1920x1080.png') })

  // Workshop 2 as a follow-up, from the same set-up page.
  const followUp = setup.getByTestId('follow-up-panel')
  await followUp.getByLabel('Titel på den nye workshop').fill('Workshop 2: TO BE')
  await followUp.getByLabel('Dato for den nye workshop').fill('2026-11-16')
  await followUp.getByLabel('Sted for den nye workshop').fill('København')
  await followUp.getByLabel('Spørgsmål i første runde (én per linje)').fill('Hvor vil vi hen?')
  await followUp.getByRole('button', { name: 'Opret opfølgende workshop' }).click()
  await followUp.getByTestId('follow-up-setup').click()
  await expect(setup.getByRole('heading', { name: 'Opsætning: Workshop 2: TO BE' })).toBeVisible()
  await expect(setup.getByTestId('series-entry')).toHaveCount(2)
  await expect(setup.getByTestId('series-story')).toContainText('Hjemmearbejde')
  await setup.getByTestId('series-story').screenshot({ path: join(ARTIFACTS, 'series-story-1280x800.png') })

  // The group's first poster of workshop 2 holds the homework note.
  const href = await setup.getByRole('link', { name: 'Åbn plakaten for Trin 1' }).getAttribute('href')
  const poster = new PosterPage(await day.open(href as string, LAPTOP))
  await poster.waitForCanvas()
  await poster.waitForNote(NOTE)
  await poster.page.screenshot({ path: join(ARTIFACTS, 'series-workshop2-poster-1280x800.png') })

  // Workshop 1's archive on the organizer's laptop, which keeps both workshops' links: the
  // report of the whole series holds workshop 1's report and then workshop 2's.
  const archive = setup
  await archive.goto(`/w/${w1.workshopId}/archive#k=${w1.organizerKey}`)
  const story = archive.getByTestId('series-story')
  const pages = async (button: ReturnType<typeof archive.getByRole>) => {
    const pdf = archive.waitForEvent('download')
    await button.click()
    const path = await (await pdf).path()
    return (await PDFDocument.load(await readFile(path))).getPageCount()
  }
  const seriesPages = await pages(story.getByRole('button', { name: 'Rapport for hele forløbet (PDF)' }))
  const firstPages = await pages(archive.getByRole('button', { name: 'Rapport (PDF)', exact: true }))
  expect(seriesPages).toBeGreaterThan(firstPages)

  // The whole series as one ZIP, imported again on the start page.
  const download = archive.waitForEvent('download')
  await story.getByRole('button', { name: 'Eksportér forløbet (ZIP)' }).click()
  const zipPath = join(ARTIFACTS, 'series-export.zip')
  await (await download).saveAs(zipPath)
  const start = await day.open('/', LAPTOP)
  await start.locator('input[type="file"]').setInputFiles(zipPath)
  await expect(start.getByRole('heading', { name: /Forløbet er importeret: 2 workshops/ })).toBeVisible()
  await expect(start.getByTestId('imported-series-workshop')).toHaveCount(1)
  await start.getByRole('link', { name: 'Gå til opsætning' }).click()
  await expect(start.getByTestId('series-entry')).toHaveCount(2)
  await expect(start.getByTestId('series-story')).toContainText('Workshop 2: TO BE')
})
