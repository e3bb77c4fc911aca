/**
 * A facilitated round end to end: the facilitator starts a round with a one-minute timer on
 * the wall, three tables of two write notes (two participants in the browser, the others as
 * y-websocket clients), the wall's tiles follow within a second, a table says it is done, the
 * facilitator locks (participants can no longer edit), presents table 2 (the projector shows
 * it, participants see the banner and follow) and moves to table 3 with the arrow key.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, type BrowserContext, expect, type Locator, test } from '@playwright/test'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { testNote } from '../server/testing/testNote'
import { testProvider } from '../server/testing/testProvider'
import type { CreateWorkshopResponse, JoinResponse, WorkshopView } from '../shared/api'
import { getRecordKV, type JsonRecord, readRecords, writeRecord } from '../shared/docLayout'
import { posterDocName } from '../shared/docNames'
import { apiCaller } from './fixtures/api'
import { PosterPage } from './fixtures/PosterPage'

test.use({ locale: 'da-DK' })

const ARTIFACTS = join(import.meta.dirname, 'artifacts')

/** A sticky note as the tldraw editor writes it (font size factor 1, so tldraw shows its text too). */
function note(id: string, index: number, text: string): JsonRecord {
  const record = testNote(id, index, text)
  return { ...record, props: { ...(record.props as object), fontSizeAdjustment: 1 } }
}

/** The drawn shapes of an SVG poster showing exactly `text`. */
const shown = (scope: Locator, text: string) => scope.locator(`[data-text="${text}"]`)

interface NodeClient {
  doc: Y.Doc
  provider: WebsocketProvider
}

test('facilitator runs a round on every table, locks and presents', async ({ browser, baseURL, request }) => {
  test.setTimeout(150_000)
  mkdirSync(ARTIFACTS, { recursive: true })
  const base = baseURL as string
  const api = apiCaller(request)

  const w = await api<CreateWorkshopResponse>('/api/workshops', {
    title: 'Borgerinddragelse – plenum',
    date: '2026-11-22',
    language: 'da',
    rounds: [{ title: 'Formål og målgrupper', questions: ['Formål', 'Målgrupper'], minutes: 20 }],
    tables: 3,
  })
  const joins: JoinResponse[][] = []
  for (const table of w.tables) {
    joins.push([
      await api<JoinResponse>('/api/join', { code: table.joinCode, name: `${table.name} A` }),
      await api<JoinResponse>('/api/join', { code: table.joinCode, name: `${table.name} B` }),
    ])
  }
  const view = await api<WorkshopView>(`/api/workshops/${w.workshopId}`, undefined, w.facilitatorKey)
  const posterOf = (i: number) => view.posters.find((p) => p.tableId === w.tables[i].id)!.id

  const contexts: BrowserContext[] = []
  const open = async (
    b: Browser,
    path: string,
    viewport = { width: 1280, height: 800 },
    session?: JoinResponse,
  ) => {
    const context = await b.newContext({ viewport, baseURL: base, locale: 'da-DK' })
    contexts.push(context)
    if (session) {
      await context.addInitScript((s) => {
        localStorage.setItem(
          `plenum.participant.${s.workshopId}`,
          JSON.stringify({
            token: s.token,
            participantId: s.participantId,
            workshopId: s.workshopId,
            tableId: s.tableId,
            tableName: s.tableName,
            name: 'Deltager',
          }),
        )
      }, session)
    }
    const page = await context.newPage()
    await page.goto(path)
    return page
  }
  const nodeClients: NodeClient[] = []
  const nodeClient = (docName: string, token: string): NodeClient => {
    const doc = new Y.Doc()
    const provider = testProvider(`${base.replace('http', 'ws')}/sync`, docName, doc, {
      params: { token },
    })
    nodeClients.push({ doc, provider })
    return { doc, provider }
  }
  const synced = (c: NodeClient) =>
    new Promise<void>((resolve) => (c.provider.synced ? resolve() : c.provider.once('sync', () => resolve())))

  try {
    // The facilitator's wall, the presenter and the projector.
    const wall = await open(browser, `/w/${w.workshopId}/wall#k=${w.facilitatorKey}`, {
      width: 1440,
      height: 900,
    })
    await expect(wall.getByTestId('wall-tile')).toHaveCount(3)
    const screen = await open(browser, `/w/${w.workshopId}/screen#k=${w.screenKey}`, {
      width: 1920,
      height: 1080,
    })
    await expect(screen.getByTestId('screen')).toBeVisible()

    // Start the round with a one-minute timer.
    await wall.getByTestId('minutes').fill('1')
    await wall.locator('button[data-action="start"]').click()
    await expect(wall.getByTestId('wall-phase')).toHaveAttribute('data-phase', 'writing')
    await expect(wall.getByTestId('timer')).toHaveText(/^(1:00|0:[45]\d)$/)

    // Participants: one per table 1 and 2 in the browser, the rest over y-websocket.
    const a1 = await open(browser, `/w/${w.workshopId}/t/${w.tables[0].id}`, undefined, joins[0][0])
    const b1 = await open(browser, `/w/${w.workshopId}/t/${w.tables[1].id}`, undefined, joins[1][0])
    const posterA1 = new PosterPage(a1)
    await posterA1.waitForCanvas()
    await new PosterPage(b1).waitForCanvas()
    await expect(a1.getByTestId('round-status')).toHaveAttribute('data-phase', 'writing')
    await posterA1.createNote('Flere borgere med')

    const writers = [0, 1, 2].map((i) => nodeClient(posterDocName(posterOf(i)), joins[i][1].token))
    await Promise.all(writers.map(synced))

    // Every edit reaches its wall tile within a second.
    const latencies: number[] = []
    for (const [i, writer] of writers.entries()) {
      const text = `Idé fra bord ${i + 1}`
      const tile = wall.locator(`[data-testid="wall-tile"][data-table-id="${w.tables[i].id}"]`)
      const started = Date.now()
      writer.doc.transact(() => writeRecord(getRecordKV(writer.doc), note(`t${i}`, i + 3, text)))
      await expect(shown(tile, text)).toHaveCount(1, { timeout: 5_000 })
      latencies.push(Date.now() - started)
    }
    console.log(`edit → wall tile: ${latencies.join(' ms, ')} ms`)
    for (const ms of latencies) expect(ms).toBeLessThan(1_000)
    const tile1 = wall.locator(`[data-testid="wall-tile"][data-table-id="${w.tables[0].id}"]`)
    await expect(shown(tile1, 'Flere borgere med')).toHaveCount(1)
    await expect(tile1.getByTestId('tile-online')).toHaveText(/[12] online/)

    // Table 1 says it is done; the wall shows it.
    await a1.getByRole('button', { name: 'Vi er færdige' }).click()
    await expect(tile1.getByTestId('tile-done')).toBeVisible()
    await wall.screenshot({ path: join(ARTIFACTS, 'facilitator-wall.png') })

    // Lock: participants can no longer edit; their attempts reach nobody.
    await wall.locator('button[data-action="lock"]').click()
    await expect(wall.getByTestId('wall-phase')).toHaveAttribute('data-phase', 'locked')
    await expect(a1.getByTestId('round-status')).toHaveAttribute('data-phase', 'locked')
    const observer = nodeClient(posterDocName(posterOf(0)), w.facilitatorKey)
    await synced(observer)
    writers[0].doc.transact(() => writeRecord(getRecordKV(writers[0].doc), note('late', 9, 'For sent')))
    await posterA1.page.keyboard.press('Escape')
    await posterA1.page.keyboard.press('n')
    const box = await posterA1.canvas.boundingBox()
    await posterA1.page.mouse.click(box!.x + 500, box!.y + 420)
    await posterA1.page.keyboard.type('Også for sent')
    await posterA1.page.keyboard.press('Escape')
    await a1.waitForTimeout(1_000)
    const texts = [...readRecords(observer.doc).values()].map((r) => JSON.stringify(r.props ?? {}))
    expect(texts.some((t) => t.includes('For sent'))).toBe(false)
    expect(texts.some((t) => t.includes('Også for sent'))).toBe(false)
    await expect(tile1.locator('[data-text*="sent"]')).toHaveCount(0)

    // Present table 2 by clicking its tile: the screen shows it, participants see the banner.
    await wall.getByRole('button', { name: `Præsentér ${w.tables[1].name}` }).click()
    await expect(screen.getByTestId('screen-table')).toHaveText(w.tables[1].name)
    await expect(shown(screen.getByTestId('reading-view'), 'Idé fra bord 2')).toHaveCount(1)
    await expect(screen.locator('.tl-collaborator__cursor, .tlui-layout')).toHaveCount(0)
    await screen.screenshot({ path: join(ARTIFACTS, 'facilitator-screen.png') })

    const banner = a1.getByTestId('presenting-banner')
    await expect(banner).toContainText(`${w.tables[1].name} præsenterer`)
    await a1.screenshot({ path: join(ARTIFACTS, 'facilitator-banner.png') })
    await banner.getByRole('button', { name: 'Følg med' }).click()
    await expect(shown(a1.getByTestId('presenting-follow'), 'Idé fra bord 2')).toHaveCount(1)

    // Legibility: a sticky note's text size on the projector, all questions and one question.
    const noteFontPx = () =>
      screen.evaluate(() => {
        const card = document.querySelector('[data-testid="reading-note"]')
        return card ? Number.parseFloat(getComputedStyle(card).fontSize) : 0
      })
    const sizes: Record<string, number> = { whole1920: await noteFontPx() }
    await screen.setViewportSize({ width: 1280, height: 720 })
    await expect.poll(noteFontPx).toBeLessThan(sizes.whole1920)
    sizes.whole1280 = await noteFontPx()
    await screen.setViewportSize({ width: 1920, height: 1080 })

    // The presenter: show the first question alone, then the next table by arrow key.
    const presenter = await open(browser, `/w/${w.workshopId}/present#k=${w.facilitatorKey}`, {
      width: 1280,
      height: 800,
    })
    await expect(shown(presenter.getByTestId('presenter-stage'), 'Idé fra bord 2')).toHaveCount(1)
    await presenter.keyboard.press('1')
    await expect(screen.getByTestId('reading-question')).toHaveCount(1)
    console.log(`note text on the screen (CSS px): ${JSON.stringify(sizes)}`)
    // Readable from the back: 24 px or more even on a 720p projector.
    for (const px of Object.values(sizes)) expect(px).toBeGreaterThanOrEqual(24)
    await presenter.screenshot({ path: join(ARTIFACTS, 'facilitator-presenter.png') })

    await presenter.keyboard.press('ArrowRight')
    await expect(screen.getByTestId('screen-table')).toHaveText(w.tables[2].name)
    await expect(banner).toContainText(`${w.tables[2].name} præsenterer`)
    await expect(shown(a1.getByTestId('presenting-follow'), 'Idé fra bord 3')).toHaveCount(1)
    await presenter.keyboard.press('ArrowLeft')
    await expect(screen.getByTestId('screen-table')).toHaveText(w.tables[1].name)

    // Dot voting after the presentations: two dots each, on the own table's notes.
    await banner.getByRole('button', { name: 'Tilbage til vores plakat' }).click()
    await wall.getByLabel('Prikker hver').fill('2')
    await wall.locator('button[data-action="voting"]').click()
    const panel = a1.getByTestId('voting-panel')
    await expect(panel.getByTestId('dots-left')).toHaveText('2 af 2 prikker tilbage')
    const favourite = panel.locator('[data-testid="voting-note"][data-text="Flere borgere med"]')
    await favourite.getByRole('button', { name: 'Sæt en prik' }).click()
    await expect(panel.getByTestId('dots-left')).toHaveText('1 af 2 prikker tilbage')
    await favourite.getByRole('button', { name: 'Sæt en prik' }).click()
    await expect(panel.getByTestId('dots-left')).toHaveText('0 af 2 prikker tilbage')
    await expect(favourite.getByRole('button', { name: 'Sæt en prik' })).toBeDisabled()
    await expect(tile1.locator('[data-kind="dots"][data-dots="2"]')).toHaveCount(1)
    await a1.screenshot({ path: join(ARTIFACTS, 'facilitator-voting.png') })
  } finally {
    for (const c of nodeClients) c.provider.destroy()
    for (const c of contexts) await c.close()
  }
})
