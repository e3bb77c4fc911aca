/**
 * Accessibility of the workshop pages: axe finds no serious or critical violation on the
 * start, set-up, join and notes-only pages, and the keyboard reaches every main control.
 * Screenshots of each page on a desktop and a phone go to e2e/artifacts/ for review.
 */
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { type APIRequestContext, type Browser, expect, type Locator, type Page, test } from '@playwright/test'
import type { CreateWorkshopResponse, JoinResponse } from '../shared/api'
import { CANVAS } from './fixtures/PosterPage'

const ARTIFACTS = join(import.meta.dirname, 'artifacts')
const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 860 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
} as const

test.use({ locale: 'da-DK' })

interface Fixture {
  workshop: CreateWorkshopResponse
  participant: JoinResponse
}

async function setUp(request: APIRequestContext): Promise<Fixture> {
  const created = await request.post('/api/workshops', {
    data: {
      title: 'Kloge Kommunale Kvadratmeter – Workshop 2 TO BE',
      date: '2026-12-03',
      place: 'København',
      rounds: [
        {
          title: 'TO BE',
          questions: ['Hvordan deler vi lokalerne i 2030?', 'Hvem skal være med?'],
          minutes: 40,
        },
        { title: 'Plan', template: 'collaboration-plan', copyFromRound: 0 },
      ],
      tables: 3,
    },
  })
  expect(created.status()).toBe(201)
  const workshop = (await created.json()) as CreateWorkshopResponse
  const joined = await request.post('/api/join', {
    data: { code: workshop.tables[0].joinCode, name: 'Birgitte' },
  })
  expect(joined.status()).toBe(201)
  const participant = (await joined.json()) as JoinResponse
  const view = await (
    await request.get(`/api/workshops/${workshop.workshopId}`, {
      headers: { authorization: `Bearer ${workshop.organizerKey}` },
    })
  ).json()
  const started = await request.post(
    `/api/workshops/${workshop.workshopId}/rounds/${view.rounds[0].id}/start`,
    {
      headers: { authorization: `Bearer ${workshop.organizerKey}` },
      data: {},
    },
  )
  expect(started.status()).toBe(200)
  return { workshop, participant }
}

/** Opens a page as the participant (token in localStorage, as after joining). */
async function asParticipant(page: Page, f: Fixture): Promise<void> {
  await page.addInitScript((p) => {
    localStorage.setItem(`plenum.participant.${p.workshopId}`, JSON.stringify({ ...p, name: 'Birgitte' }))
  }, f.participant)
}

/** Fails with the list of serious and critical axe violations, if any. */
async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
  expect(bad).toEqual([])
}

/** Presses Tab until `target` has focus; fails when it is not reached within `max` presses. */
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    if (await target.evaluate((el) => el === document.activeElement)) return
  }
  throw new Error(`keyboard focus never reached ${target}`)
}

/** Opens `path` in both viewports, saves screenshots and runs axe on each. */
async function checkBothViewports(
  browser: Browser,
  path: string,
  name: string,
  f: Fixture,
  ready: (p: Page) => Promise<void>,
) {
  for (const [device, options] of Object.entries(VIEWPORTS)) {
    const context = await browser.newContext({
      ...options,
      locale: 'da-DK',
      baseURL: test.info().project.use.baseURL,
    })
    const page = await context.newPage()
    await asParticipant(page, f)
    await page.goto(path)
    await ready(page)
    await page.screenshot({ path: join(ARTIFACTS, `${name}-${device}.png`), fullPage: true })
    await expectNoSeriousViolations(page)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow, `${name} scrolls sideways on ${device}`).toBeLessThanOrEqual(0)
    await context.close()
  }
}

test.describe('workshop pages are accessible', () => {
  let f: Fixture
  test.beforeAll(async ({ request }) => {
    f = await setUp(request)
  })

  test('start page', async ({ page, browser }) => {
    await checkBothViewports(browser, '/', 'start', f, async (p) => {
      await expect(p.getByRole('button', { name: 'Opret en workshop' })).toBeVisible()
    })
    await page.goto('/')
    await tabTo(page, page.getByRole('button', { name: 'Prøv en tom plakat' }))
    await tabTo(page, page.getByLabel('Titel', { exact: true }))
    await tabTo(page, page.getByLabel('Titel på runde 1'))
    await tabTo(page, page.getByRole('button', { name: 'Tilføj runde' }))
    await tabTo(page, page.getByLabel('Antal borde'))
    await tabTo(page, page.getByRole('button', { name: 'Opret en workshop' }))
    // "Try a blank poster" opens a fresh sandbox poster.
    await page.getByRole('button', { name: 'Prøv en tom plakat' }).click()
    await expect(page).toHaveURL(/\/p\/s-[a-z0-9]{16}$/)
    await expect(page.locator(CANVAS)).toBeVisible({ timeout: 20_000 })
  })

  test('set-up page', async ({ page, browser }) => {
    const path = `/w/${f.workshop.workshopId}/setup#k=${f.workshop.organizerKey}`
    await checkBothViewports(browser, path, 'setup', f, async (p) => {
      await expect(p.getByRole('button', { name: 'Udskriv bordkort (PDF)' })).toBeVisible()
    })
    await page.goto(path)
    await tabTo(page, page.getByRole('button', { name: 'Udskriv bordkort (PDF)' }))
    await tabTo(page, page.getByRole('link', { name: 'Åbn væggen' }))
    await tabTo(page, page.getByLabel('Titel', { exact: true }))
    await tabTo(page, page.getByRole('button', { name: 'Gem ændringer' }), 120)
  })

  test('join page', async ({ page, browser }) => {
    await checkBothViewports(browser, '/join', 'join', f, async (p) => {
      await expect(p.getByRole('button', { name: 'Find bord' })).toBeVisible()
    })
    await checkBothViewports(
      browser,
      `/join/${f.workshop.tables[1].joinCode}`,
      'join-table',
      f,
      async (p) => {
        await expect(p.getByLabel('Dit navn')).toBeVisible()
      },
    )
    // The join page stays light: no canvas code is loaded for it.
    const scripts: string[] = []
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url())
    })
    await page.goto('/join')
    await expect(page.getByRole('button', { name: 'Find bord' })).toBeVisible()
    expect(scripts.some((url) => /JoinPage/.test(url))).toBe(true)
    expect(scripts.filter((url) => /tldraw|PosterPage|TablePage/i.test(url))).toEqual([])
    await tabTo(page, page.getByRole('button', { name: 'English' }))
    await tabTo(page, page.getByLabel('Kode'))
    // A mistyped code is named as such, and the field keeps focus for the next try.
    await page.keyboard.type('ZZZZZZ')
    await page.keyboard.press('Enter')
    await expect(page.getByRole('alert')).toHaveText('Koden findes ikke. Tjek bordkortet og prøv igen.')
    await page.getByLabel('Kode').fill('')
    await page.getByLabel('Kode').focus()
    await page.keyboard.type(f.workshop.code)
    await page.keyboard.press('Enter')
    // The workshop code asks for the table: radio buttons, reachable and selectable by keyboard.
    await tabTo(page, page.getByRole('radio').first())
    await page.keyboard.press('Space')
    await tabTo(page, page.getByLabel('Dit navn'))
    await page.keyboard.type('Karsten')
    await tabTo(page, page.getByRole('button', { name: 'Deltag', exact: true }))
  })

  test('notes-only page', async ({ page, browser }) => {
    const path = `/w/${f.workshop.workshopId}/t/${f.participant.tableId}/notes`
    await checkBothViewports(browser, path, 'notes', f, async (p) => {
      await expect(p.getByRole('button', { name: 'Tilføj note' }).first()).toBeVisible()
    })
    await asParticipant(page, f)
    await page.goto(path)
    const first = page.getByRole('region', { name: /Hvordan deler vi/ })
    await tabTo(page, first.getByRole('textbox'))
    await page.keyboard.type('Fælles booking af mødelokaler')
    await tabTo(page, first.getByRole('button', { name: 'Tilføj note' }))
    await page.keyboard.press('Enter')
    await expect(first.getByText('Fælles booking af mødelokaler')).toBeVisible()
    await tabTo(page, first.getByRole('button', { name: 'Ret' }))
    await tabTo(page, first.getByRole('button', { name: 'Slet' }))
    await expectNoSeriousViolations(page)
  })

  test('table poster on a phone (screenshot)', async ({ browser }) => {
    const context = await browser.newContext({
      ...VIEWPORTS.phone,
      locale: 'da-DK',
      baseURL: test.info().project.use.baseURL,
    })
    const page = await context.newPage()
    await asParticipant(page, f)
    await page.goto(`/w/${f.workshop.workshopId}/t/${f.participant.tableId}`)
    await expect(page.locator(CANVAS)).toBeVisible({ timeout: 20_000 })
    await expect(page.getByText('Bord 1')).toBeVisible()
    await page.screenshot({ path: join(ARTIFACTS, 'poster-phone-table.png') })
    await context.close()
  })
})
