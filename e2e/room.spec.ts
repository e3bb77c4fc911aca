/**
 * The day in the room, as a table lives it: a phone and a laptop at the same table share one
 * poster. Notes written on the phone can be arranged on the canvas; a homework round shows its
 * own question; revealed private notes do not cover each other.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type BrowserContext, expect, type Locator, type Page, test } from '@playwright/test'
import { addNote } from '../client/notes/posterNotes'
import { parseCsv } from '../shared/csv'
import { getRecordKV, readRecords, writeRecord } from '../shared/docLayout'
import { posterIdOf, privateDocName } from '../shared/docNames'
import { noteRecord } from '../shared/testing/posterFixtures'
import { PosterPage } from './fixtures/PosterPage'
import { LAPTOP, PHONE, WorkshopDay } from './fixtures/workshopDay'

test.use({ locale: 'da-DK' })

const ARTIFACTS = join(import.meta.dirname, 'artifacts')
const Q1 = 'Hvem bruger kvadratmeterne?'
const Q2 = 'Hvad fungerer godt?'

let day: WorkshopDay
test.beforeEach(({ request, browser, baseURL }) => {
  day = new WorkshopDay(request, browser, baseURL as string)
})
test.afterEach(() => day.close())

/** Writes a note under `question` on the notes-only page. */
async function writeOnPhone(phone: Page, question: string, text: string): Promise<void> {
  const section = phone.getByRole('region', { name: question })
  await section.getByPlaceholder('Skriv en ny note…').fill(text)
  await section.getByRole('button', { name: 'Tilføj note' }).click()
  await expect(section.getByText(text)).toBeVisible()
}

const boxOf = async (l: Locator) => {
  const box = await l.boundingBox()
  if (!box) throw new Error('not visible')
  return box
}

test('a note written on a phone can be moved and recoloured on the laptop at the same table', async () => {
  test.setTimeout(90_000)
  await day.create({ title: 'Kvadratmeter', rounds: [{ title: 'AS IS', questions: [Q1, Q2] }], tables: 1 })
  await day.act(0, 'start', { minutes: 20 })
  const mette = await day.join(0, 'Mette')
  const jonas = await day.join(0, 'Jonas')
  const phone = await day.open(day.tablePath(mette, true), PHONE, mette)
  await writeOnPhone(phone, `1. ${Q1}`, 'Skolen om aftenen')

  const laptop = await day.open(day.tablePath(jonas), LAPTOP, jonas)
  const poster = new PosterPage(laptop)
  await poster.waitForCanvas()
  await poster.waitForNote('Skolen om aftenen')
  const note = poster.note('Skolen om aftenen')
  const before = await boxOf(note)
  await laptop.mouse.move(before.x + before.width / 2, before.y + before.height / 2)
  await laptop.mouse.down()
  await laptop.mouse.move(before.x + before.width / 2 + 160, before.y + before.height / 2 + 60, { steps: 8 })
  await laptop.mouse.up()
  await laptop.getByTestId('style.color.blue').click()
  await poster.waitForSaved()
  const after = await boxOf(note)
  expect(after.x - before.x).toBeGreaterThan(100)

  // The move and the colour are stored: a fresh reader sees them.
  const doc = await day.client(mette.posterDocName, day.created.facilitatorKey)
  const stored = [...readRecords(doc).values()].find((r) => r.type === 'note')
  expect((stored?.props as { color?: string } | undefined)?.color).toBe('blue')
  await laptop.screenshot({ path: join(ARTIFACTS, 'room-phone-note-moved-1280x800.png') })
  await phone.screenshot({ path: join(ARTIFACTS, 'room-notes-390x844.png'), fullPage: true })
})

test('a homework round shows its own question on the canvas and on the phone', async () => {
  test.setTimeout(90_000)
  const homework = 'Hvad har vi undersøgt hjemme siden workshop 1?'
  await day.create({
    title: 'Kvadratmeter',
    rounds: [
      { title: 'AS IS', questions: [Q1, Q2] },
      { title: 'Hjemmeopgave', questions: [homework], copyFromRound: 0 },
    ],
    tables: 1,
  })
  await day.act(1, 'start', { minutes: 20 })
  const mette = await day.join(0, 'Mette')
  const phone = await day.open(day.tablePath(mette, true), PHONE, mette)
  // The round's own question carries the round's title, so it is not a second "1.".
  await expect(phone.getByRole('heading', { level: 2 })).toHaveText([
    `Hjemmeopgave: 1. ${homework}`,
    `1. ${Q1}`,
    `2. ${Q2}`,
  ])
  await writeOnPhone(phone, `Hjemmeopgave: 1. ${homework}`, 'Vi har talt med pedellen')

  const laptop = await day.open(day.tablePath(mette), LAPTOP, mette)
  const poster = new PosterPage(laptop)
  await poster.waitForCanvas()
  await expect(laptop.locator('.tl-frame-heading').filter({ hasText: homework })).toBeVisible()
  await poster.waitForNote('Vi har talt med pedellen')
  await laptop.screenshot({ path: join(ARTIFACTS, 'room-homework-1280x800.png') })
})

test('revealed private notes from two people do not cover each other', async () => {
  test.setTimeout(90_000)
  await day.create({ title: 'Kvadratmeter', rounds: [{ title: 'AS IS', questions: [Q1, Q2] }], tables: 1 })
  await day.act(0, 'private', { minutes: 20 })
  const mette = await day.join(0, 'Mette')
  const jonas = await day.join(0, 'Jonas')
  const phone = await day.open(day.tablePath(mette, true), PHONE, mette)
  await writeOnPhone(phone, `1. ${Q1}`, 'Mettes hemmelige idé')
  // Jonas writes on his own phone at the same moment: his private copy has the same free spot.
  const posterId = posterIdOf(jonas.posterDocName)!
  const jonasDoc = await day.client(privateDocName(posterId, jonas.participantId), jonas.token)
  const frameId = [...readRecords(jonasDoc).values()].find(
    (r) => r.type === 'frame' && r.y === 0 && r.x === 0,
  )?.id as string
  addNote(jonasDoc, frameId, 'Jonas’ hemmelige idé', { authorId: jonas.participantId, authorName: 'Jonas' })

  // Both private notes are stored before the facilitator reveals.
  for (const [who, text] of [
    [mette, 'Mettes hemmelige idé'],
    [jonas, 'Jonas’ hemmelige idé'],
  ] as const) {
    await expect
      .poll(async () => {
        const doc = await day.client(privateDocName(posterId, who.participantId), who.token)
        return JSON.stringify([...readRecords(doc).values()]).includes(text)
      })
      .toBe(true)
  }
  const laptop = await day.open(day.tablePath(mette), LAPTOP, mette)
  const poster = new PosterPage(laptop)
  await poster.waitForCanvas()
  await day.act(0, 'reveal')
  await poster.waitForNote('Mettes hemmelige idé')
  await poster.waitForNote('Jonas’ hemmelige idé')
  const a = await boxOf(poster.note('Mettes hemmelige idé'))
  const b = await boxOf(poster.note('Jonas’ hemmelige idé'))
  const overlapX = Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x))
  const overlapY = Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y))
  expect(overlapX * overlapY).toBe(0)
  await laptop.screenshot({ path: join(ARTIFACTS, 'room-reveal-1280x800.png') })
})

test('the notes-only page shows the time left, like the poster', async () => {
  await day.create({ title: 'Kvadratmeter', rounds: [{ title: 'AS IS', questions: [Q1] }], tables: 1 })
  await day.act(0, 'start', { minutes: 15 })
  const mette = await day.join(0, 'Mette')
  const phone = await day.open(day.tablePath(mette, true), PHONE, mette)
  await expect(phone.getByRole('timer')).toBeVisible()
  await expect(phone.getByTestId('timer')).toHaveText(/^1[45]:\d\d$/)
  await phone.screenshot({ path: join(ARTIFACTS, 'room-notes-timer-390x844.png') })
})

test("the CSV names colours in the workshop's language and is semicolon-separated for Danish Excel", async () => {
  test.setTimeout(90_000)
  await day.create({ title: 'Kvadratmeter', rounds: [{ title: 'AS IS', questions: [Q1] }], tables: 1 })
  await day.act(0, 'start', { minutes: 15 })
  const mette = await day.join(0, 'Mette')
  // A note someone made yellow on the canvas, then one written on a phone in the default colour.
  const doc = await day.client(mette.posterDocName, day.created.organizerKey)
  doc.transact(() =>
    writeRecord(
      getRecordKV(doc),
      noteRecord({ text: 'Den orange-gule lap', color: 'yellow', x: 600, y: 300, index: 'a8' }),
    ),
  )
  const phone = await day.open(day.tablePath(mette, true), PHONE, mette)
  await expect(phone.getByText('Den orange-gule lap')).toBeVisible()
  await writeOnPhone(phone, `1. ${Q1}`, 'Den gule lap')
  const archive = await day.open(`/w/${day.created.workshopId}/archive#k=${day.created.organizerKey}`)
  const download = async () => {
    const [file] = await Promise.all([
      archive.waitForEvent('download'),
      archive.getByRole('button', { name: 'Alle noter (CSV)' }).click(),
    ])
    return readFileSync((await file.path()) as string, 'utf8')
  }
  await expect(archive.getByLabel('Skilletegn i CSV')).toHaveValue('semicolon')
  await expect
    .poll(async () => parseCsv(await download(), ';').map((row) => `${row[4]}=${row[5]}`))
    .toEqual(['Tekst=Farve', 'Den gule lap=Lysegul', 'Den orange-gule lap=Gul'])
  await archive.getByLabel('Skilletegn i CSV').selectOption('comma')
  const comma = parseCsv(await download(), ',')
  expect(comma[1].slice(4, 6)).toEqual(['Den gule lap', 'Lysegul'])
  await archive.screenshot({ path: join(ARTIFACTS, 'room-archive-csv-1280x800.png') })
})

/** English UI words that must not show on a Danish page. */
const ENGLISH =
  /\b(Select|Draw|Eraser|Arrow|Loading|Connecting|Saved|Here now|Nobody else|Add note|Open the whole poster|Reload)\b/

/** The page's visible text, without tldraw's license notice (a license key removes it, see README). */
const visibleText = (page: Page) =>
  page.evaluate(() => {
    const notice = document.querySelector('.tl-watermark_SEE-LICENSE') as HTMLElement | null
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered, not hidden text
    const all = document.body.innerText
    // biome-ignore lint/performance/useDomNodeTextContent: the same rendering as above
    return notice ? all.replace(notice.innerText, '') : all
  })

test('a Danish participant sees no English, not even while the canvas starts', async () => {
  test.setTimeout(90_000)
  await day.create({ title: 'Kvadratmeter', rounds: [{ title: 'AS IS', questions: [Q1] }], tables: 1 })
  await day.act(0, 'start', { minutes: 15 })
  const mette = await day.join(0, 'Mette')
  const phone = await day.open(day.tablePath(mette, true), PHONE, mette)
  await expect(phone.getByRole('region', { name: `1. ${Q1}` })).toBeVisible()
  expect(await visibleText(phone)).not.toMatch(ENGLISH)

  // Records the toolbar's labels the moment tldraw first renders it, before any paint.
  const watchToolbar = (context: BrowserContext) =>
    context.addInitScript(() => {
      const w = window as unknown as { firstToolbar?: string[] }
      new MutationObserver(() => {
        if (w.firstToolbar) return
        const buttons = document.querySelectorAll('[data-testid^="tools."]')
        if (buttons.length > 0)
          w.firstToolbar = [...buttons].map(
            (b) => b.getAttribute('aria-label') ?? b.getAttribute('title') ?? '',
          )
      }).observe(document, { childList: true, subtree: true })
    })
  const laptop = await day.open(day.tablePath(mette), LAPTOP, mette, watchToolbar)
  await new PosterPage(laptop).waitForCanvas()
  await expect(laptop.locator('[data-testid="tools.select"]')).toBeVisible()
  const first = await laptop.evaluate(() => (window as unknown as { firstToolbar?: string[] }).firstToolbar)
  expect(first?.join(' ')).toContain('Vælg')
  expect(first?.join(' ')).not.toMatch(ENGLISH)
  expect(await visibleText(laptop)).not.toMatch(ENGLISH)
})

test("another table's poster: no reload button that cannot help, and the people there are shown", async () => {
  test.setTimeout(120_000)
  await day.create({ title: 'Kvadratmeter', rounds: [{ title: 'AS IS', questions: [Q1] }], tables: 2 })
  await day.act(0, 'start', { minutes: 15 })
  const mette = await day.join(0, 'Mette')
  const jonas = await day.join(0, 'Jonas')
  const karen = await day.join(1, 'Karen')
  for (const who of [mette, jonas])
    await new PosterPage(await day.open(day.tablePath(who), LAPTOP, who)).waitForCanvas()
  const table1 = `/w/${karen.workshopId}/t/${mette.tableId}`

  // Not presented: Karen may not look; reloading would not change that.
  const visitor = await day.open(table1, LAPTOP, karen)
  await expect(visitor.getByRole('alert')).toBeVisible()
  await expect(visitor.getByRole('button', { name: 'Genindlæs' })).toHaveCount(0)

  // Presented in plenary: Karen follows read-only and sees who is at the table.
  await day.act(0, 'lock')
  await day.api(
    `/api/workshops/${karen.workshopId}/present`,
    { tableId: mette.tableId },
    day.created.facilitatorKey,
  )
  await visitor.reload()
  await new PosterPage(visitor).waitForCanvas()
  await expect(visitor.locator('.pl-table-header__here')).toContainText('Mette')
  await expect(visitor.locator('.pl-table-header__here')).toContainText('Jonas')
  await visitor.screenshot({ path: join(ARTIFACTS, 'room-other-table-1280x800.png') })
})
