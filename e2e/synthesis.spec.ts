/**
 * The plenary synthesis end to end: three tables have written their notes on IT tools and
 * barriers; in plenary the facilitator opens the synthesis from the wall, has themes suggested,
 * accepts two (one renamed), puts the synthesis on the projector (screenshot at 1280×720 in
 * e2e/artifacts/synthesis-screen-1280x720.png), the room votes on the themes from two
 * participants' browsers, and the report PDF opens with the conclusions (pages as PNG in
 * e2e/artifacts/synthesis-report-*.png).
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { type BrowserContext, expect, test } from '@playwright/test'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { testNote } from '../server/testing/testNote'
import { testProvider } from '../server/testing/testProvider'
import type { CreateWorkshopResponse, JoinResponse, WorkshopView } from '../shared/api'
import { getRecordKV, readRecords, writeRecord } from '../shared/docLayout'
import { posterDocName, synthesisDocName } from '../shared/docNames'
import { roundActionPath } from '../shared/roundsApi'
import { readSynthesis } from '../shared/synthesis'
import { apiCaller } from './fixtures/api'

test.use({ locale: 'da-DK' })

const ARTIFACTS = join(import.meta.dirname, 'artifacts')

/** What each table wrote, as municipal property managers write it. */
const TABLE_NOTES = [
  [
    'Alt styres i Excel – mange versioner',
    'SBSYS til sager, tegninger på fællesdrev',
    'Datakvaliteten i BBR er for dårlig',
  ],
  [
    'Vedligeholdelsesplanen er et stort regneark',
    'Acadre er tungt at søge i',
    'BBR-data passer ikke med virkeligheden',
  ],
  [
    'Lejeoversigt i Excel som kun én forstår',
    'WorkZone bruges til journalisering',
    'Systemerne taler ikke sammen',
  ],
]

test('the facilitator builds the synthesis in plenary, the room votes, the report concludes', async ({
  browser,
  baseURL,
  request,
}) => {
  test.setTimeout(180_000)
  mkdirSync(ARTIFACTS, { recursive: true })
  const base = baseURL as string
  const api = apiCaller(request)
  const w = await api<CreateWorkshopResponse>('/api/workshops', {
    title: 'Kloge kommunale kvadratmeter',
    date: '2026-11-22',
    language: 'da',
    rounds: [
      { title: 'AS IS', questions: ['Hvilke IT-værktøjer bruger I?', 'Hvilke barrierer er der for data?'] },
    ],
    tables: 3,
  })
  const view = await api<WorkshopView>(`/api/workshops/${w.workshopId}`, undefined, w.facilitatorKey)
  const roundId = view.rounds[0].id
  const act = (action: 'start' | 'lock' | 'present' | 'voting', body: object = {}) =>
    api(roundActionPath(w.workshopId, roundId, action), body, w.facilitatorKey)
  const joins: JoinResponse[] = []
  for (const table of w.tables)
    joins.push(await api<JoinResponse>('/api/join', { code: table.joinCode, name: `Leder ${table.number}` }))

  // The tables write (as y-websocket clients), then the round is locked and plenary begins.
  await act('start', { minutes: 20 })
  const providers: WebsocketProvider[] = []
  const contexts: BrowserContext[] = []
  try {
    for (const [t, table] of w.tables.entries()) {
      const poster = view.posters.find((p) => p.tableId === table.id)!.id
      const doc = new Y.Doc()
      const provider = testProvider(`${base.replace('http', 'ws')}/sync`, posterDocName(poster), doc, {
        params: { token: joins[t].token },
      })
      providers.push(provider)
      await new Promise<void>((resolve) => provider.once('sync', () => resolve()))
      doc.transact(() => {
        for (const [i, text] of TABLE_NOTES[t].entries())
          writeRecord(getRecordKV(doc), testNote(`t${t}n${i}`, i, text))
      })
    }
    await expect
      .poll(
        async () =>
          (
            await api<{ notes: unknown[] }>(
              `/api/workshops/${w.workshopId}/export/notes.json`,
              undefined,
              w.organizerKey,
            )
          ).notes.length,
      )
      .toBe(9)
    await act('lock')
    await api(`/api/workshops/${w.workshopId}/present`, { tableId: w.tables[0].id }, w.facilitatorKey)

    const open = async (
      path: string,
      viewport: { width: number; height: number },
      session?: JoinResponse,
    ) => {
      const context = await browser.newContext({ viewport, baseURL: base, locale: 'da-DK' })
      contexts.push(context)
      if (session) {
        await context.addInitScript(
          (s) => {
            localStorage.setItem(
              `plenum.participant.${s.workshopId}`,
              JSON.stringify({ ...s, tableName: '', name: 'Deltager' }),
            )
          },
          {
            token: session.token,
            participantId: session.participantId,
            workshopId: w.workshopId,
            tableId: session.tableId,
          },
        )
      }
      const page = await context.newPage()
      await page.goto(path)
      return page
    }
    const screen = await open(`/w/${w.workshopId}/screen#k=${w.screenKey}`, { width: 1280, height: 720 })
    await expect(screen.getByTestId('screen-table')).toHaveText('Bord 1')

    // The facilitator opens the synthesis from the wall and has themes suggested.
    const wall = await open(`/w/${w.workshopId}/wall#k=${w.facilitatorKey}`, { width: 1440, height: 900 })
    await wall.getByTestId('open-synthesis').click()
    await expect(wall).toHaveURL(/\/synthesis\//)
    await wall.getByTestId('suggest').click()
    const themes = wall.getByTestId('suggested-theme')
    await expect(themes.first()).toBeVisible()
    const labels = await wall
      .getByTestId('theme-label')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))
    const regneark = labels.findIndex((l) => l.startsWith('Regneark'))
    const esdh = labels.findIndex((l) => l.startsWith('ESDH'))
    expect(regneark, labels.join(' | ')).toBeGreaterThanOrEqual(0)
    expect(esdh, labels.join(' | ')).toBeGreaterThanOrEqual(0)
    // Accept the spreadsheet theme under a name of the facilitator's, then the ESDH theme as suggested.
    await themes.nth(regneark).getByTestId('theme-label').fill('Excel og regneark overalt')
    await themes.nth(regneark).getByTestId('accept-theme').click()
    await expect(wall.getByTestId('synthesis-message')).toContainText('Excel og regneark overalt')
    const esdhTheme = wall
      .getByTestId('suggested-theme')
      .filter({ has: wall.locator('input[value^="ESDH"]') })
    await esdhTheme.getByTestId('accept-theme').click()
    await expect(wall.getByTestId('synthesis-message')).toContainText('ESDH')

    await wall.screenshot({ path: join(ARTIFACTS, 'synthesis-facilitator-1440x900.png') })

    // Both themes are frames on the synthesis poster, with copies from every table.
    const synthesisDoc = new Y.Doc()
    const synthesisProvider = testProvider(
      `${base.replace('http', 'ws')}/sync`,
      synthesisDocName(roundId),
      synthesisDoc,
      { params: { token: w.screenKey } },
    )
    providers.push(synthesisProvider)
    await expect
      .poll(() => readSynthesis(readRecords(synthesisDoc)).map((t) => t.label))
      .toEqual(['Excel og regneark overalt', expect.stringMatching(/^ESDH/)])
    const accepted = readSynthesis(readRecords(synthesisDoc))
    expect(new Set(accepted[0].notes.map((n) => n.provenance?.tableName))).toEqual(
      new Set(['Bord 1', 'Bord 2', 'Bord 3']),
    )

    // On the projector.
    await wall.getByTestId('synthesis-present').click()
    await expect(screen.getByTestId('screen-table')).toHaveText('Opsamling: AS IS')
    await expect(screen.getByText('Excel og regneark overalt')).toBeVisible()
    await expect(screen.getByText('Alt styres i Excel – mange versioner')).toBeVisible()
    await screen.screenshot({ path: join(ARTIFACTS, 'synthesis-screen-1280x720.png') })

    // The room votes on the themes: two participants, from their table pages.
    await act('voting', { dots: 2, scope: 'synthesis' })
    for (const [t, session] of joins.slice(0, 2).entries()) {
      const page = await open(`/w/${w.workshopId}/t/${w.tables[t].id}`, { width: 390, height: 844 }, session)
      await page.getByTestId('vote-on-themes').click()
      const theme = page.getByTestId('voting-theme').filter({ hasText: 'Excel og regneark overalt' })
      await theme.getByRole('button', { name: 'Sæt en prik' }).click()
      await expect(page.getByTestId('dots-left')).toHaveText('1 af 2 prikker tilbage')
      await expect(theme).toContainText(String(t + 1))
      if (t === 1) await page.screenshot({ path: join(ARTIFACTS, 'synthesis-participant-390x844.png') })
    }

    // The report opens with the conclusions, most voted theme first.
    const archive = await open(`/w/${w.workshopId}/archive#k=${w.organizerKey}`, { width: 1280, height: 800 })
    const download = archive.waitForEvent('download', { timeout: 120_000 })
    await archive.getByRole('button', { name: 'Rapport (PDF)' }).click()
    const reportPath = join(ARTIFACTS, 'synthesis-report.pdf')
    await (await download).saveAs(reportPath)
    const text = execFileSync('pdftotext', ['-f', '2', '-l', '2', reportPath, '-'])
      .toString('utf8')
      .replace(/\s+/g, ' ')
    expect(text).toContain('Konklusioner')
    expect(text).toContain('Excel og regneark overalt (2 stemmer)')
    expect(text).toMatch(/Alt styres i Excel – mange versioner — Bord 1/)
    expect(text.indexOf('Excel og regneark overalt')).toBeLessThan(text.indexOf('ESDH'))
    execFileSync('pdftoppm', [
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '3',
      '-png',
      reportPath,
      join(ARTIFACTS, 'synthesis-report'),
    ])
  } finally {
    for (const p of providers) p.destroy()
    for (const c of contexts) await c.close()
  }
})
