/**
 * The organizer's archive end to end: a workshop of 2 rounds × 4 tables gets notes from stock
 * y-websocket clients; the organizer opens the archive, takes and opens a snapshot, downloads
 * the report PDF (built in the browser) and the CSV. The PDF pages are turned into PNGs in
 * e2e/artifacts/archive-report-*.png for people to look at; the test checks page count and
 * text, and that the CSV has one row per note. A report of 10 posters × 300 notes, and one
 * with a private note that was never revealed, follow.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { strFromU8, unzipSync } from 'fflate'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { addNote } from '../client/notes/posterNotes'
import { testProvider } from '../server/testing/testProvider'
import type { CreateWorkshopResponse, WorkshopView } from '../shared/api'
import { parseCsv } from '../shared/csv'
import { getRecordKV, type JsonRecord, readRecords, writeRecord } from '../shared/docLayout'
import { privateDocName } from '../shared/docNames'
import { noteRecord } from '../shared/testing/posterFixtures'
import { WorkshopDay } from './fixtures/workshopDay'

const ARTIFACTS = join(import.meta.dirname, 'artifacts')
const COLOURS = ['yellow', 'light-blue', 'light-green', 'orange']

/** A stock y-websocket client on `docName`, added to `clients` and resolved once synced. */
async function syncedDoc(
  base: string,
  docName: string,
  token: string,
  clients: WebsocketProvider[],
): Promise<Y.Doc> {
  const doc = new Y.Doc()
  const provider = testProvider(`${base.replace('http', 'ws')}/sync`, docName, doc, {
    params: { token },
  })
  clients.push(provider)
  await new Promise<void>((resolve) => (provider.synced ? resolve() : provider.once('sync', () => resolve())))
  return doc
}

test('the organizer archives and downloads the report of 2 rounds × 4 tables', async ({ page, baseURL }) => {
  test.setTimeout(360_000)
  const base = baseURL ?? ''
  const created = await fetch(`${base}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'Kloge kvadratmeter – workshop 1',
      date: '2026-03-05',
      place: 'Odense',
      language: 'da',
      rounds: [
        { title: 'AS IS', questions: ['Hvad fungerer godt i dag?', 'Hvad er svært?'] },
        { title: 'TO BE', questions: ['Hvor vil vi være om et år?', 'Hvad skal der til?'] },
      ],
      tables: 4,
    }),
  })
  expect(created.status).toBe(201)
  const w = (await created.json()) as CreateWorkshopResponse
  const view = (await (
    await fetch(`${base}/api/workshops/${w.workshopId}`, {
      headers: { authorization: `Bearer ${w.organizerKey}` },
    })
  ).json()) as WorkshopView
  expect(view.posters).toHaveLength(8)

  // Notes from stock y-websocket clients: three per question and one outside the frames.
  const texts: string[] = []
  const clients: WebsocketProvider[] = []
  try {
    for (const poster of view.posters) {
      const round = view.rounds.find((r) => r.id === poster.roundId)!
      const table = view.tables.find((t) => t.id === poster.tableId)!
      const doc = await syncedDoc(base, poster.docName, w.organizerKey, clients)
      const questionOf = (r: JsonRecord) => Number((r.meta as { questionIndex?: number }).questionIndex)
      const frames = [...readRecords(doc).values()]
        .filter((r) => r.type === 'frame')
        .sort((a, b) => questionOf(a) - questionOf(b))
      expect(frames.length).toBe(2)
      doc.transact(() => {
        const kv = getRecordKV(doc)
        frames.forEach((frame, q) => {
          for (let i = 0; i < 3; i++) {
            const text = `${table.name}, ${round.title}, spørgsmål ${q + 1}: idé ${i + 1} – æøå`
            texts.push(text)
            writeRecord(
              kv,
              noteRecord({
                text,
                parentId: frame.id,
                x: 40 + i * 230,
                y: 220,
                color: COLOURS[(i + q) % COLOURS.length],
                meta: { authorName: `Deltager ${i + 1}`, createdAt: Date.now() },
              }),
            )
          }
        })
        const outside = `${table.name}, ${round.title}: parkeret`
        texts.push(outside)
        writeRecord(kv, noteRecord({ text: outside, x: 2200, y: 100 }))
      })
    }
    // The server stores every update before relaying it; wait until all notes are readable.
    await expect
      .poll(
        async () => {
          const res = await fetch(`${base}/api/workshops/${w.workshopId}/export/notes.json`, {
            headers: { authorization: `Bearer ${w.organizerKey}` },
          })
          return ((await res.json()) as { notes: unknown[] }).notes.length
        },
        { timeout: 20_000 },
      )
      .toBe(texts.length)
  } finally {
    for (const c of clients) c.destroy()
  }

  await page.setViewportSize({ width: 1440, height: 1000 })
  await page.goto(`/w/${w.workshopId}/archive#k=${w.organizerKey}`)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Kloge kvadratmeter')
  const cards = page.locator('[data-testid^="poster-"]')
  await expect(cards).toHaveCount(8)
  await expect(cards.first().locator('svg')).toBeVisible()

  // A snapshot by hand, opened read-only.
  const first = cards.first()
  await first.getByRole('button', { name: 'Tag øjebliksbillede' }).click()
  await expect(first.locator('.ar-timeline li')).toHaveCount(1)
  await first.locator('.ar-timeline button').click()
  const viewer = page.locator('dialog.ar-viewer')
  await expect(viewer).toBeVisible()
  await expect(viewer.locator('.tl-shape').first()).toBeVisible({ timeout: 20_000 })
  mkdirSync(ARTIFACTS, { recursive: true })
  await page.screenshot({ path: join(ARTIFACTS, 'archive-snapshot-viewer.png') })
  await viewer.getByRole('button', { name: 'Luk' }).click()
  await expect(viewer).toBeHidden()
  await page.screenshot({ path: join(ARTIFACTS, 'archive-page.png'), fullPage: true })

  // The report, built in the browser with a progress bar.
  const started = Date.now()
  const reportDownload = page.waitForEvent('download', { timeout: 120_000 })
  await page.getByRole('button', { name: 'Rapport (PDF)' }).click()
  await expect(page.locator('.ar-progress progress')).toBeVisible()
  const report = await reportDownload
  const reportPath = join(ARTIFACTS, 'archive-report.pdf')
  await report.saveAs(reportPath)
  const seconds = (Date.now() - started) / 1000
  const info = execFileSync('pdfinfo', [reportPath]).toString()
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1])
  expect(pages).toBeGreaterThanOrEqual(1 + 8 + 2)
  const text = execFileSync('pdftotext', [reportPath, '-']).toString('utf8').replace(/\s+/g, ' ')
  for (const t of texts) expect(text).toContain(t)
  for (const old of readdirSync(ARTIFACTS).filter(
    (f) => f.startsWith('archive-report-') && f.endsWith('.png'),
  )) {
    rmSync(join(ARTIFACTS, old))
  }
  execFileSync('pdftoppm', ['-r', '60', '-png', reportPath, join(ARTIFACTS, 'archive-report')])
  test.info().annotations.push({
    type: 'report',
    description: `${pages} pages, ${readFileSync(reportPath).byteLength} bytes, built in ${seconds.toFixed(1)} s`,
  })

  // The CSV: one row per note, plus the header.
  const csvDownload = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Alle noter (CSV)' }).click()
  const csvPath = join(ARTIFACTS, 'archive-notes.csv')
  await (await csvDownload).saveAs(csvPath)
  // A Danish workshop's CSV is semicolon-separated by default, as Danish Excel expects.
  await expect(page.getByLabel('Skilletegn i CSV')).toHaveValue('semicolon')
  const rows = parseCsv(readFileSync(csvPath, 'utf8'), ';')
  expect(rows).toHaveLength(1 + texts.length)
  expect(rows[0]).toEqual([
    'Workshop',
    'Runde',
    'Bord',
    'Spørgsmål',
    'Tekst',
    'Farve',
    'Stemmer',
    'Oprettet',
    'Forfatter',
    'Tema',
  ])
  expect(rows.filter((r) => r[3] === 'Uden for rammer')).toHaveLength(8)

  // The full ZIP: the server's archive plus the report and one image per poster, importable.
  const zipDownload = page.waitForEvent('download', { timeout: 170_000 })
  await page.getByRole('button', { name: 'Alt (ZIP, kan importeres)' }).click()
  await expect(page.locator('.ar-progress progress')).toBeVisible()
  const zipPath = join(ARTIFACTS, 'archive-workshop.zip')
  await (await zipDownload).saveAs(zipPath)
  await expect(page.locator('.ar-downloads [role=status]')).toContainText('ZIP-filen er klar')
  const zipBytes = new Uint8Array(readFileSync(zipPath))
  const files = unzipSync(zipBytes)
  expect(strFromU8(files['report.pdf'].subarray(0, 5))).toBe('%PDF-')
  const pngs = Object.keys(files)
    .filter((f) => /^posters\/\d+-\d+\.png$/.test(f))
    .sort()
  expect(pngs).toEqual(
    ['1-1', '1-2', '1-3', '1-4', '2-1', '2-2', '2-3', '2-4'].map((n) => `posters/${n}.png`),
  )
  for (const png of pngs) expect([...files[png].subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47])
  expect(parseCsv(strFromU8(files['notes.csv']).replace(/^\uFEFF/, ''))).toHaveLength(1 + texts.length)
  const manifest = JSON.parse(strFromU8(files['manifest.json'])) as { rendered: Record<string, string> }
  expect(Object.keys(manifest.rendered).sort()).toEqual(['report.pdf', ...pngs].sort())
  const imported = await fetch(`${base}/api/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/zip' },
    body: zipBytes,
  })
  expect(imported.status).toBe(201)
  const copy = (await imported.json()) as CreateWorkshopResponse
  const copiedNotes = await fetch(`${base}/api/workshops/${copy.workshopId}/export/notes.json`, {
    headers: { authorization: `Bearer ${copy.organizerKey}` },
  })
  expect(((await copiedNotes.json()) as { notes: unknown[] }).notes).toHaveLength(texts.length)
})

/**
 * A big day's report: 10 posters × 300 notes. Every poster page holds its notes as text (so
 * they can be searched), and the page paints the progress after every poster. How fast 30
 * posters go is measured by `npm run bench:report`, not here.
 */
test('report of 10 posters × 300 notes: every note on its poster page, progress shown throughout', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(300_000)
  const base = baseURL ?? ''
  const res = await fetch(`${base}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'Stor workshop',
      date: '2026-03-05',
      language: 'da',
      rounds: [{ title: 'Runde 1', questions: ['Hvad virker?', 'Hvad mangler?'] }],
      tables: 10,
    }),
  })
  const w = (await res.json()) as CreateWorkshopResponse
  const auth = { authorization: `Bearer ${w.organizerKey}` }
  const view = (await (
    await fetch(`${base}/api/workshops/${w.workshopId}`, { headers: auth })
  ).json()) as WorkshopView
  expect(view.posters).toHaveLength(10)
  const noteText = (table: string, i: number) => `${table} note ${i + 1}: ${'ord '.repeat(3 + (i % 12))}æøå`
  const clients: WebsocketProvider[] = []
  try {
    for (const poster of view.posters) {
      const table = view.tables.find((t) => t.id === poster.tableId)!
      const doc = await syncedDoc(base, poster.docName, w.organizerKey, clients)
      doc.transact(() => {
        const kv = getRecordKV(doc)
        for (let i = 0; i < 300; i++) {
          writeRecord(
            kv,
            noteRecord({
              text: noteText(table.name, i),
              x: (i % 20) * 220,
              y: 1800 + Math.floor(i / 20) * 220,
              color: COLOURS[i % 4],
            }),
          )
        }
      })
    }
    await expect
      .poll(
        async () =>
          (
            (await (
              await fetch(`${base}/api/workshops/${w.workshopId}/export/notes.json`, { headers: auth })
            ).json()) as { notes: unknown[] }
          ).notes.length,
        { timeout: 60_000 },
      )
      .toBe(3000)
  } finally {
    for (const c of clients) c.destroy()
  }

  await page.setViewportSize({ width: 1440, height: 1000 })
  await page.goto(`/w/${w.workshopId}/archive#k=${w.organizerKey}`)
  await expect(page.locator('[data-testid^="poster-"]')).toHaveCount(10)
  // Every progress line the page shows while the report is built.
  await page.evaluate(() => {
    const seen: string[] = []
    ;(window as unknown as { progress_: string[] }).progress_ = seen
    new MutationObserver(() => {
      const text = document.querySelector('.ar-progress span')?.textContent
      if (text && text !== seen.at(-1)) seen.push(text)
    }).observe(document.body, { subtree: true, childList: true, characterData: true })
  })
  const download = page.waitForEvent('download', { timeout: 240_000 })
  await page.getByRole('button', { name: 'Rapport (PDF)' }).click()
  const reportPath = join(ARTIFACTS, 'archive-big-report.pdf')
  mkdirSync(ARTIFACTS, { recursive: true })
  await (await download).saveAs(reportPath)
  await expect(page.locator('.ar-downloads [role=status]')).toContainText('Rapporten er klar')

  // The page painted the progress throughout: counts only go up, reach 12 of 12, and no more
  // than one step is ever skipped (React may fold two steps into one paint on a busy machine).
  const progress = await page.evaluate(() => (window as unknown as { progress_: string[] }).progress_)
  const counts = progress
    .map((t) => /Laver rapporten… (\d+) af 12/.exec(t)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
  expect(counts.at(-1)).toBe(12)
  for (let i = 1; i < counts.length; i++) {
    expect(counts[i]).toBeGreaterThan(counts[i - 1])
    expect(counts[i] - counts[i - 1]).toBeLessThanOrEqual(2)
  }
  expect(counts[0]).toBeLessThanOrEqual(1)

  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [reportPath]).toString())?.[1])
  expect(pages).toBeGreaterThan(1 + 10 + 10)
  // Page 2 is Bord 1's poster: its notes are text on the page, Danish letters included.
  const posterPage = execFileSync('pdftotext', ['-f', '2', '-l', '2', reportPath, '-'])
    .toString('utf8')
    .replace(/\s+/g, ' ')
  expect(posterPage).toContain('Runde 1: Runde 1 — Bord 1')
  for (const i of [0, 1, 150, 299]) expect(posterPage).toContain(`Bord 1 note ${i + 1}:`)
  expect(posterPage).toContain('æøå')
  execFileSync('pdftoppm', [
    '-r',
    '80',
    '-f',
    '2',
    '-l',
    '2',
    '-png',
    reportPath,
    join(ARTIFACTS, 'archive-big-report'),
  ])
})

test('a private note that was never revealed is not in the report', async ({ request, browser, baseURL }) => {
  test.setTimeout(120_000)
  const day = new WorkshopDay(request, browser, baseURL as string)
  try {
    const w = await day.create({
      title: 'Hemmeligt',
      rounds: [{ title: 'AS IS', questions: ['Hvad virker?'] }],
      tables: 1,
    })
    await day.act(0, 'start', { minutes: 20 })
    const view = await day.view()
    const posterDoc = await day.client(view.posters[0].docName, w.organizerKey)
    const frame = [...readRecords(posterDoc).values()].find((r) => r.type === 'frame')!
    posterDoc.transact(() =>
      writeRecord(
        getRecordKV(posterDoc),
        noteRecord({ text: 'Delt idé på plakaten', parentId: frame.id, x: 40, y: 200 }),
      ),
    )
    await day.act(0, 'private', { minutes: 20 })
    const mette = await day.join(0, 'Mette')
    const privateName = privateDocName(view.posters[0].id, mette.participantId)
    const privateDoc = await day.client(privateName, mette.token)
    const privateFrame = [...readRecords(privateDoc).values()].find((r) => r.type === 'frame')!
    addNote(privateDoc, privateFrame.id, 'Mettes hemmelige idé', {
      authorId: mette.participantId,
      authorName: 'Mette',
    })
    // The private note is stored before the report is made.
    await expect
      .poll(async () => {
        const doc = await day.client(privateName, mette.token)
        return JSON.stringify([...readRecords(doc).values()]).includes('Mettes hemmelige idé')
      })
      .toBe(true)

    const archive = await day.open(`/w/${w.workshopId}/archive#k=${w.organizerKey}`)
    const download = archive.waitForEvent('download', { timeout: 60_000 })
    await archive.getByRole('button', { name: 'Rapport (PDF)' }).click()
    const reportPath = join(ARTIFACTS, 'archive-private-report.pdf')
    await (await download).saveAs(reportPath)
    const text = execFileSync('pdftotext', [reportPath, '-']).toString('utf8').replace(/\s+/g, ' ')
    // Once on the poster page and once in the notes list.
    expect(text.split('Delt idé på plakaten').length - 1).toBe(2)
    expect(text).not.toContain('hemmelige')
  } finally {
    await day.close()
  }
})
