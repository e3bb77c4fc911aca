/**
 * The Content Security Policy holds on every page: each page is opened in Chromium with the
 * server's policy on, used a little (a note drawn on a poster, an export opened), and the
 * browser reports no CSP violation, neither in the console nor as a `securitypolicyviolation`
 * event.
 */
import { type APIRequestContext, expect, type Page, test } from '@playwright/test'
import type { CreateWorkshopResponse, JoinResponse, WorkshopView } from '../shared/api'
import { CANVAS } from './fixtures/PosterPage'

interface Fixture {
  workshop: CreateWorkshopResponse
  participant: JoinResponse
  view: WorkshopView
}

async function setUp(request: APIRequestContext): Promise<Fixture> {
  const created = await request.post('/api/workshops', {
    data: {
      title: 'CSP',
      date: '2026-12-03',
      rounds: [{ title: 'AS IS', questions: ['Hvad virker?'] }],
      tables: 2,
    },
  })
  expect(created.status()).toBe(201)
  const workshop = (await created.json()) as CreateWorkshopResponse
  const joined = await request.post('/api/join', { data: { code: workshop.tables[0].joinCode, name: 'Ida' } })
  expect(joined.status()).toBe(201)
  const participant = (await joined.json()) as JoinResponse
  const auth = { authorization: `Bearer ${workshop.organizerKey}` }
  const view = (await (
    await request.get(`/api/workshops/${workshop.workshopId}`, { headers: auth })
  ).json()) as WorkshopView
  const started = await request.post(
    `/api/workshops/${workshop.workshopId}/rounds/${view.rounds[0].id}/start`,
    {
      headers: auth,
      data: {},
    },
  )
  expect(started.status()).toBe(200)
  return { workshop, participant, view }
}

/** Collects CSP violations reported on `page`, from the console and from the DOM event. */
function watchViolations(page: Page): string[] {
  const found: string[] = []
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) found.push(msg.text())
  })
  page.on('pageerror', (err) => {
    if (/Content Security Policy/i.test(err.message)) found.push(err.message)
  })
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`)
    })
  })
  return found
}

test.describe('every page under the Content Security Policy', () => {
  let f: Fixture
  test.beforeAll(async ({ request }) => {
    f = await setUp(request)
  })

  test('shows no CSP violation', async ({ page }) => {
    test.setTimeout(180_000)
    const violations = watchViolations(page)
    await page.addInitScript((p) => {
      localStorage.setItem(`plenum.participant.${p.workshopId}`, JSON.stringify({ ...p, name: 'Ida' }))
    }, f.participant)
    const w = f.workshop
    const table = f.view.tables[0]

    const first = await page.goto('/')
    expect(first?.headers()['content-security-policy']).toContain("script-src 'self'")
    await expect(page.getByRole('button', { name: 'Opret en workshop' })).toBeVisible()

    await page.goto('/join')
    await expect(page.locator('input').first()).toBeVisible()
    await page.goto(`/join/${table.joinCode}`)
    await expect(page.locator('input').first()).toBeVisible()

    await page.goto(`/w/${w.workshopId}/setup#k=${w.organizerKey}`)
    await expect(page.getByRole('heading').first()).toBeVisible()
    await page.waitForLoadState('networkidle')

    // The poster: tldraw's canvas, fonts and icons, and a shape drawn on it.
    await page.goto(`/w/${w.workshopId}/t/${table.id}`)
    await expect(page.locator(CANVAS)).toBeVisible({ timeout: 30_000 })
    await page.keyboard.press('r')
    await page.mouse.move(500, 400)
    await page.mouse.down()
    await page.mouse.move(650, 520, { steps: 5 })
    await page.mouse.up()
    await page.waitForTimeout(500)

    await page.goto(`/w/${w.workshopId}/t/${table.id}/notes`)
    await expect(page.getByText('Hvad virker?').first()).toBeVisible({ timeout: 20_000 })

    await page.goto(`/w/${w.workshopId}/wall#k=${w.facilitatorKey}`)
    // A wall of a few tables shows notes as text cards, not drawings: wait for the tiles.
    await expect(page.getByTestId('wall-tile').first()).toBeVisible({ timeout: 30_000 })
    await page.waitForTimeout(1000)

    await page.goto(`/w/${w.workshopId}/synthesis/${f.view.rounds[0].id}#k=${w.facilitatorKey}`)
    await page.waitForLoadState('networkidle')
    await page.waitForTimeout(1500)

    await page.goto(`/w/${w.workshopId}/present#k=${w.facilitatorKey}`)
    await page.waitForTimeout(1500)
    await page.goto(`/w/${w.workshopId}/screen#k=${w.screenKey}`)
    await page.waitForTimeout(1500)

    await page.goto(`/w/${w.workshopId}/archive#k=${w.organizerKey}`)
    await expect(page.getByRole('heading').first()).toBeVisible({ timeout: 20_000 })
    await page.waitForLoadState('networkidle')
    await page.waitForTimeout(1500)

    await page.goto('/p/s-cspcheckcspcheck1')
    await expect(page.locator(CANVAS)).toBeVisible({ timeout: 30_000 })
    await page.waitForTimeout(500)

    await page.goto('/no/such/page')
    await page.waitForTimeout(500)

    expect(violations).toEqual([])
  })
})
