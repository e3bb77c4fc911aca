/**
 * A workshop day end to end: the organizer sets up a workshop with two rounds and four tables,
 * prints the table cards (QR codes that really scan), two people at table 1 write notes from a
 * phone (notes-only) and a laptop (the canvas) and see each other's notes under the right
 * question, a participant of table 2 cannot write on table 1's poster, and English switches
 * the whole interface, tldraw's menus included.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import * as Y from 'yjs'
import { makeNoteRecord, newShapeId } from '../client/notes/noteRecord'
import { testProvider } from '../server/testing/testProvider'
import type { WorkshopView } from '../shared/api'
import { FATAL_CLOSE_CODES } from '../shared/closeCodes'
import { getRecordKV, readRecords, writeRecord } from '../shared/docLayout'
import { PosterPage } from './fixtures/PosterPage'

test.use({ locale: 'da-DK' })

const ARTIFACTS = join(import.meta.dirname, 'artifacts')
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
const DESKTOP = { viewport: { width: 1280, height: 860 } }

const WORKSHOP = {
  title: 'Kloge Kommunale Kvadratmeter – Workshop 1 AS IS',
  place: 'Odense',
  round1: {
    title: 'AS IS: sådan bruger vi bygningerne i dag',
    questions: ['Hvem bruger kvadratmeterne?', 'Hvad fungerer godt?'],
  },
  round2: { title: 'Hjemmeopgave', questions: ['Hvad vil vi afprøve?'] },
}

/** Decodes every QR code in a PDF: one page per table card, rendered with pdftoppm. */
function qrUrlsInPdf(pdfPath: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'plenum-cards-'))
  try {
    execFileSync('pdftoppm', ['-r', '100', '-png', pdfPath, join(dir, 'card')])
    return readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort()
      .map((f) => {
        const png = PNG.sync.read(readFileSync(join(dir, f)))
        const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
        if (!code) throw new Error(`no QR code found on ${f}`)
        return code.data
      })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function newContext(
  browser: Browser,
  options: object,
  baseURL: string | undefined,
): Promise<BrowserContext> {
  return browser.newContext({ ...options, locale: 'da-DK', baseURL })
}

/** Fills the start page's form and creates the workshop; returns the join codes shown. */
async function createWorkshop(page: Page): Promise<{ codes: string[] }> {
  await page.goto('/')
  await page.getByLabel('Titel', { exact: true }).fill(WORKSHOP.title)
  await page.getByLabel('Dato').fill('2026-11-26')
  await page.getByLabel('Sted').fill(WORKSHOP.place)
  const round1 = page.getByRole('group', { name: 'Runde 1' })
  await round1.getByLabel('Titel på runde 1').fill(WORKSHOP.round1.title)
  await round1.getByRole('textbox', { name: 'Spørgsmål 1', exact: true }).fill(WORKSHOP.round1.questions[0])
  await round1.getByRole('button', { name: 'Tilføj spørgsmål' }).click()
  await round1.getByRole('textbox', { name: 'Spørgsmål 2', exact: true }).fill(WORKSHOP.round1.questions[1])
  await page.getByRole('button', { name: 'Tilføj runde' }).click()
  const round2 = page.getByRole('group', { name: 'Runde 2' })
  await round2.getByLabel('Titel på runde 2').fill(WORKSHOP.round2.title)
  await round2.getByRole('textbox', { name: 'Spørgsmål 1', exact: true }).fill(WORKSHOP.round2.questions[0])
  await round2.getByLabel('Start fra plakaterne fra').selectOption({ index: 1 })
  await page.getByLabel('Antal borde').fill('4')
  await page.getByRole('button', { name: 'Opret en workshop' }).click()
  await expect(page.getByRole('heading', { name: 'Workshoppen er klar' })).toBeVisible()
  await expect(page.getByText('Pas godt på arrangørlinket')).toBeVisible()
  const codes = await page.getByTestId('join-code').allTextContents()
  expect(codes).toHaveLength(4)
  return { codes }
}

/** Joins a table from `/join` or a QR link, as `name`; leaves the page where joining leads. */
async function joinTable(page: Page, name: string, target: { code?: string; url?: string }): Promise<void> {
  if (target.url) {
    await page.goto(target.url)
  } else {
    await page.goto('/join')
    await page.getByLabel('Kode').fill(target.code ?? '')
    await page.getByRole('button', { name: 'Find bord' }).click()
  }
  await page.getByLabel('Dit navn').fill(name)
  await page.getByRole('button', { name: 'Deltag', exact: true }).click()
}

test('a workshop from set-up to notes on two devices', async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000)
  // The organizer sets up the workshop.
  const { codes } = await createWorkshop(page)
  await page.screenshot({ path: join(ARTIFACTS, 'start-created-desktop.png'), fullPage: true })
  await page.getByRole('link', { name: 'Gå til opsætning' }).click()
  await expect(page.getByRole('heading', { name: `Opsætning: ${WORKSHOP.title}` })).toBeVisible()
  const workshopId = new URL(page.url()).pathname.split('/')[2]
  const organizerKey = new URLSearchParams(new URL(page.url()).hash.slice(1)).get('k') ?? ''
  await expect(
    page.getByRole('group', { name: 'Runde 2' }).getByLabel('Start fra plakaterne fra'),
  ).toHaveValue(/.+/)
  await page.screenshot({ path: join(ARTIFACTS, 'setup-desktop.png'), fullPage: true })

  // The table cards: four pages, each QR code leads to its table's join page.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Udskriv bordkort (PDF)' }).click(),
  ])
  const pdfPath = join(tmpdir(), `plenum-cards-${Date.now()}.pdf`)
  await download.saveAs(pdfPath)
  const urls = qrUrlsInPdf(pdfPath)
  rmSync(pdfPath, { force: true })
  expect(urls).toHaveLength(4)
  for (const [i, url] of urls.entries()) expect(url).toContain(`/join/${codes[i]}`)

  // The organizer names a table and adds a question to round 2, then saves.
  await page.getByLabel('Navn på bord 4').fill('Ungdomsbordet')
  const setupRound2 = page.getByRole('group', { name: 'Runde 2' })
  await setupRound2.getByRole('button', { name: 'Tilføj spørgsmål' }).click()
  await setupRound2.getByRole('textbox', { name: 'Spørgsmål 2', exact: true }).fill('Hvem tager ansvaret?')
  await page.getByRole('button', { name: 'Gem ændringer' }).click()
  await expect(page.getByText('Gemt.')).toBeVisible()
  await expect(page.getByRole('rowheader', { name: 'Ungdomsbordet' })).toBeVisible()
  await page.reload()
  await expect(
    page.getByRole('group', { name: 'Runde 2' }).getByRole('textbox', { name: 'Spørgsmål 2', exact: true }),
  ).toHaveValue('Hvem tager ansvaret?')

  const workshop = (await (
    await page.request.get(`/api/workshops/${workshopId}`, {
      headers: { authorization: `Bearer ${organizerKey}` },
    })
  ).json()) as WorkshopView
  const [table1, table2] = [...workshop.tables].sort((a, b) => a.number - b.number)
  // The facilitator starts round 1 (the wall does the same call).
  const started = await page.request.post(
    `/api/workshops/${workshopId}/rounds/${workshop.rounds[0].id}/start`,
    {
      headers: { authorization: `Bearer ${organizerKey}` },
      data: {},
    },
  )
  expect(started.status()).toBe(200)

  // Mette follows the QR code of table 1 on her phone and picks the notes-only mode.
  const phoneContext = await newContext(browser, PHONE, baseURL)
  const phone = await phoneContext.newPage()
  const qrPath = new URL(urls[0])
  await joinTable(phone, 'Mette', { url: `${qrPath.pathname}${qrPath.search}` })
  const modes = phone.getByRole('link', { name: /Kun noter|Hele plakaten/ })
  await expect(modes.first()).toContainText('Kun noter')
  await expect(modes.nth(1)).toContainText('Hele plakaten')
  await phone.screenshot({ path: join(ARTIFACTS, 'join-choice-phone.png'), fullPage: true })
  await modes.first().click()
  await expect(phone).toHaveURL(new RegExp(`/w/${workshopId}/t/${table1.id}/notes$`))
  const q1 = phone.getByRole('region', { name: WORKSHOP.round1.questions[0] })
  const q2 = phone.getByRole('region', { name: WORKSHOP.round1.questions[1] })
  await q1.getByLabel(/Ny note til/).fill('Borgerservice deler lokaler med biblioteket')
  await q1.getByRole('button', { name: 'Tilføj note' }).click()
  await expect(q1.getByText('Borgerservice deler lokaler med biblioteket')).toBeVisible()

  // Jens types the code of table 1 on his laptop and lands on the canvas.
  const deskContext = await newContext(browser, DESKTOP, baseURL)
  const desk = await deskContext.newPage()
  await joinTable(desk, 'Jens', { code: codes[0] })
  await expect(desk).toHaveURL(new RegExp(`/w/${workshopId}/t/${table1.id}$`))
  const poster = new PosterPage(desk)
  await poster.waitForCanvas()
  // Mette's note is a sticky note on the canvas, and she is listed as here.
  await expect(poster.note('Borgerservice deler lokaler med biblioteket')).toBeVisible()
  await expect(desk.getByText(/Her nu:.*Mette/)).toBeVisible()

  // Jens puts a note into the second question's frame on the canvas.
  const heading = desk.locator('.tl-frame-heading').filter({ hasText: WORKSHOP.round1.questions[1] })
  const box = await heading.boundingBox()
  const canvasBox = await poster.canvas.boundingBox()
  if (!box || !canvasBox) throw new Error('second question frame not on screen')
  await poster.createNote('Mødelokalerne står tomme om eftermiddagen', {
    x: box.x - canvasBox.x + 60,
    y: box.y - canvasBox.y + box.height + 160,
  })
  await poster.waitForSaved()
  await desk.screenshot({ path: join(ARTIFACTS, 'poster-desktop.png') })

  // Mette sees it under the second question, and not under the first.
  await expect(q2.getByText('Mødelokalerne står tomme om eftermiddagen')).toBeVisible()
  // The canvas note names its author, like notes from phones.
  await expect(q2.getByRole('listitem').filter({ hasText: 'Mødelokalerne' })).toContainText('Af Jens')
  await expect(q1.getByText('Mødelokalerne står tomme om eftermiddagen')).toHaveCount(0)
  await expect(phone.getByText(/Her nu: .*Jens/)).toBeVisible()
  await phone.screenshot({ path: join(ARTIFACTS, 'notes-phone.png'), fullPage: true })

  // Mette edits her note; Jens sees the new text on the canvas.
  await q1.getByRole('button', { name: 'Ret' }).click()
  await q1.getByLabel('Ret din note').fill('Borgerservice deler lokaler med biblioteket og jobcentret')
  await q1.getByRole('button', { name: 'Gem' }).click()
  await expect(poster.note('og jobcentret')).toBeVisible()
  // Only her own note has edit buttons.
  await expect(q2.getByRole('button', { name: 'Ret' })).toHaveCount(0)

  // Ole from table 2 cannot write on table 1's poster: the page says so, the server refuses.
  const otherContext = await newContext(browser, PHONE, baseURL)
  const other = await otherContext.newPage()
  await joinTable(other, 'Ole', { code: codes[1] })
  await other.getByRole('link', { name: /Kun noter/ }).click()
  await expect(other).toHaveURL(new RegExp(`/t/${table2.id}/notes$`))
  const oleToken = await other.evaluate(
    (id) => JSON.parse(localStorage.getItem(`plenum.participant.${id}`) ?? '{}').token as string,
    workshopId,
  )
  await other.goto(`/w/${workshopId}/t/${table1.id}/notes`)
  await expect(other.getByText('Det er et andet bords plakat.')).toBeVisible()
  await expect(other.getByRole('button', { name: 'Tilføj note' })).toHaveCount(0)
  await expect(other.getByText('Borgerservice deler lokaler')).toHaveCount(0)
  const poster1 = workshop.posters.find((p) => p.tableId === table1.id && p.roundId === workshop.rounds[0].id)
  if (!poster1) throw new Error('table 1 has no poster in round 1')
  const refused = await writeWithToken(baseURL ?? '', poster1.docName, oleToken)
  expect(refused).toBe(true)
  await desk.waitForTimeout(500)
  await expect(q1.getByText('Ole var her')).toHaveCount(0)
  await expect(poster.note('Ole var her')).toHaveCount(0)

  // English: the header and tldraw's own menus switch.
  await expect(desk.getByTestId('tools.select')).toHaveAttribute('aria-label', /Vælg/)
  await desk.getByRole('button', { name: 'English' }).click()
  await expect(desk.getByText('Here now:')).toBeVisible()
  await expect(desk.getByTestId('tools.select')).toHaveAttribute('aria-label', /Select/)
  await desk.getByTestId('main-menu.button').click()
  await expect(desk.getByRole('menuitem', { name: 'Preferences' })).toBeVisible()
  await expect(desk.getByRole('menuitem', { name: 'Keyboard shortcuts' })).toBeVisible()
  await desk.keyboard.press('Escape')
  await desk.screenshot({ path: join(ARTIFACTS, 'poster-desktop-en.png') })

  // Dot voting from the phone: the facilitator hands out two dots each.
  const voting = await page.request.post(
    `/api/workshops/${workshopId}/rounds/${workshop.rounds[0].id}/voting`,
    {
      headers: { authorization: `Bearer ${organizerKey}` },
      data: { dots: 2, scope: 'table' },
    },
  )
  expect(voting.status()).toBe(200)
  await expect(phone.getByText('Dine prikker: 2 af 2 tilbage')).toBeVisible()
  await expect(q1.getByRole('button', { name: 'Ret' })).toHaveCount(0)
  await q2.getByRole('button', { name: 'Giv en prik' }).click()
  await expect(phone.getByText('Dine prikker: 1 af 2 tilbage')).toBeVisible()
  await expect(q2.getByText('1 prik i alt, 1 fra dig')).toBeVisible()
  await q2.getByRole('button', { name: 'Giv en prik' }).click()
  await expect(phone.getByText('Dine prikker: 0 af 2 tilbage')).toBeVisible()
  await expect(q1.getByRole('button', { name: 'Giv en prik' })).toBeDisabled()
  await phone.screenshot({ path: join(ARTIFACTS, 'notes-voting-phone.png'), fullPage: true })

  await Promise.all([phoneContext.close(), deskContext.close(), otherContext.close()])

  // The organizer imports the workshop's ZIP from the start page as a new workshop.
  const zip = await page.request.get(`/api/workshops/${workshopId}/export/workshop.zip`, {
    headers: { authorization: `Bearer ${organizerKey}` },
  })
  expect(zip.status()).toBe(200)
  await page.goto('/')
  await page.getByLabel('Importér en workshop eller et forløb (ZIP)').setInputFiles({
    name: 'workshop.zip',
    mimeType: 'application/zip',
    buffer: await zip.body(),
  })
  await expect(page.getByRole('heading', { name: 'Workshoppen er importeret' })).toBeVisible()
  const importedCodes = await page.getByTestId('join-code').allTextContents()
  expect(importedCodes).toHaveLength(4)
  expect(importedCodes).not.toContain(codes[0])
})

test('the organizer gets working facilitator and projector links on another laptop', async ({
  browser,
  baseURL,
  request,
}) => {
  const created = await request.post('/api/workshops', {
    data: { title: 'Links på en anden maskine', date: '2026-11-26', rounds: [{ title: 'R1' }], tables: 2 },
  })
  expect(created.status()).toBe(201)
  const w = (await created.json()) as { workshopId: string; organizerKey: string; facilitatorKey: string }
  const asKey = (key: string) => ({ headers: { authorization: `Bearer ${key}` } })
  // A laptop that did not create the workshop has no links kept.
  const laptop = await newContext(browser, DESKTOP, baseURL)
  const page = await laptop.newPage()
  await page.goto(`/w/${w.workshopId}/setup#k=${w.organizerKey}`)
  const facilitator = page.getByTestId('facilitator-link-block')
  await expect(facilitator.getByText('Ikke gemt på denne enhed')).toBeVisible()
  await facilitator.getByRole('button', { name: 'Vis et nyt facilitatorlink' }).click()
  await expect(facilitator.getByText('det gamle holder op med at virke med det samme')).toBeVisible()
  await facilitator.getByRole('button', { name: 'Lav et nyt facilitatorlink' }).click()
  await expect(facilitator.getByRole('status')).toHaveText(
    'Nyt facilitatorlink lavet. Det gamle virker ikke længere.',
  )
  const wallLink = await facilitator.getByTestId('facilitator-link').inputValue()
  expect(wallLink).toMatch(new RegExp(`/w/${w.workshopId}/wall#k=.{24}$`))
  const screen = page.getByTestId('screen-link-block')
  await screen.getByRole('button', { name: 'Vis et nyt projektorlink' }).click()
  await screen.getByRole('button', { name: 'Lav et nyt projektorlink' }).click()
  await expect(screen.getByTestId('screen-link')).toHaveValue(new RegExp(`/w/${w.workshopId}/screen#k=`))
  await page.screenshot({ path: join(ARTIFACTS, 'setup-renewed-links.png'), fullPage: true })

  // The new link opens the wall; the old key no longer works.
  const newKey = new URL(wallLink).hash.slice('#k='.length)
  expect((await request.get(`/api/workshops/${w.workshopId}`, asKey(w.facilitatorKey))).status()).toBe(401)
  expect((await request.get(`/api/workshops/${w.workshopId}`, asKey(newKey))).status()).toBe(200)
  const wall = await laptop.newPage()
  await wall.goto(wallLink)
  await expect(wall.getByTestId('wall-tile')).toHaveCount(2)

  // This laptop keeps the links from now on; renewing again is still offered.
  await page.reload()
  await expect(page.getByTestId('facilitator-link')).toHaveValue(wallLink)
  await expect(facilitator.getByRole('button', { name: 'Forny facilitatorlinket' })).toBeVisible()
  await laptop.close()
})

/**
 * Opens a poster with a stock y-websocket client and tries to add a note. True when the
 * server refused it (permission denied or the connection closed) and did not keep it.
 */
async function writeWithToken(baseURL: string, docName: string, token: string): Promise<boolean> {
  const doc = new Y.Doc()
  const url = `${baseURL.replace(/^http/, 'ws')}/sync`
  const provider = testProvider(url, docName, doc, {
    params: { token },
    shouldReconnect: (event: CloseEvent) => !FATAL_CLOSE_CODES.has(event.code),
  })
  let denied = false
  const originalAuth = provider.messageHandlers[2]
  provider.messageHandlers[2] = (...args) => {
    denied = true
    originalAuth(...args)
  }
  provider.on('connection-close', (event) => {
    if (event && event.code >= 4000) denied = true
  })
  try {
    const opened = await new Promise<boolean>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('neither synced nor closed within 10 s')), 10_000)
      provider.on('sync', (synced: boolean) => {
        if (!synced) return
        clearTimeout(timer)
        resolve(true)
      })
      // Refused before syncing (another table's poster is forbidden outside plenary).
      provider.on('closed', () => {
        clearTimeout(timer)
        resolve(false)
      })
    })
    if (!opened) return true
    const frame = [...readRecords(doc).values()].find((r) => r.type === 'frame')
    if (!frame) throw new Error('poster has no frames')
    const note = makeNoteRecord({
      id: newShapeId(),
      parentId: frame.id,
      x: 20,
      y: 20,
      index: 'a9',
      text: 'Ole var her',
      author: { authorId: 'intruder', authorName: 'Ole' },
    })
    doc.transact(() => writeRecord(getRecordKV(doc), note))
    await new Promise((r) => setTimeout(r, 1500))
    return denied
  } finally {
    provider.destroy()
    doc.destroy()
  }
}
