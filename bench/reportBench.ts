/**
 * `npm run bench:report [-- --rounds 3 --tables 10 --notes 300 --runs 3]`: the workshop report
 * PDF of a big day, built in a real Chromium on the archive page. Starts a Plenum server on a
 * free port (the built client must exist: `npm run build`), seeds every poster with notes (half
 * inside the question frames, half below them, four colours, Danish letters), opens the archive
 * page at 1440×1000, clicks "Rapport (PDF)" and measures, per run:
 *
 * - click → download of the PDF (median over the runs);
 * - how responsive the page stayed: the longest gap between ticks of a 16 ms timer and the long
 *   tasks (> 50 ms) the browser reported while the report was built;
 * - pages and bytes of the PDF, and when the progress line changed (`REPORT_VERBOSE=1` prints
 *   every step and long task with its time since the click).
 *
 * Results go to `bench/results/report-<timestamp>.json`, with the machine's load average.
 * `CLIENT_DIR` points at another client build; `REPORT_PROFILE=1` records a CPU profile of the
 * first run and prints the functions with the most self time; `REPORT_PDF=path` keeps the
 * first run's PDF.
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { CreateWorkshopResponse, WorkshopView } from '../shared/api'
import { getRecordKV, readRecords, writeRecord } from '../shared/docLayout'
import { noteRecord } from '../shared/testing/posterFixtures'
import { launchChromium, startBenchServer } from './lib/browserBench'
import { type CpuProfile, selfTimes } from './lib/cpuProfile'
import { percentile, round } from './lib/stats'

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    tables: { type: 'string', default: '10' },
    notes: { type: 'string', default: '300' },
    runs: { type: 'string', default: '3' },
  },
})
const ROUNDS = Number(args.rounds)
const TABLES = Number(args.tables)
const NOTES = Number(args.notes)
const RUNS = Number(args.runs)
const COLOURS = ['yellow', 'light-blue', 'light-green', 'orange']

/** Prints the functions with the most self time in a CPU profile. */
function printProfile(profile: CpuProfile): void {
  const { top, totalMs } = selfTimes(profile)
  console.log(`profile: ${totalMs.toFixed(0)} ms sampled`)
  for (const [name, ms] of top.slice(0, 30)) console.log(`${ms.toFixed(0).padStart(7)} ms  ${name}`)
}

async function main(): Promise<void> {
  const { server, url, dataDir, close } = await startBenchServer('report-bench')
  const browser = await launchChromium()
  try {
    const res = await fetch(`${url}/api/workshops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Stor workshop – rapport',
        date: '2026-03-05',
        place: 'Aarhus',
        language: 'da',
        rounds: Array.from({ length: ROUNDS }, (_, n) => ({
          title: `Runde ${n + 1}`,
          questions: ['Hvad virker?', 'Hvad mangler?'],
        })),
        tables: TABLES,
      }),
    })
    if (!res.ok) throw new Error(`create: ${res.status} ${await res.text()}`)
    const w = (await res.json()) as CreateWorkshopResponse
    const auth = { authorization: `Bearer ${w.organizerKey}` }
    const view = (await (
      await fetch(`${url}/api/workshops/${w.workshopId}`, { headers: auth })
    ).json()) as WorkshopView

    // Seed: NOTES notes on every poster, written by the server as one edit each.
    const seedStart = performance.now()
    for (const poster of view.posters) {
      await server.rooms.transact(poster.docName, (doc) => {
        const kv = getRecordKV(doc)
        const frames = [...readRecords(doc).values()].filter((r) => r.type === 'frame')
        for (let i = 0; i < NOTES; i++) {
          const text = `Note ${i + 1}: ${'ord '.repeat(3 + (i % 12))}æøå`
          const frame = i % 2 === 0 ? frames[(i / 2) % Math.max(1, frames.length)] : undefined
          const k = Math.floor(i / 2)
          writeRecord(
            kv,
            noteRecord({
              text,
              parentId: frame?.id,
              x: frame ? 20 + (k % 8) * 110 : (k % 20) * 220,
              y: frame ? 80 + Math.floor(k / 16) * 110 : 1800 + Math.floor(k / 20) * 220,
              scale: frame ? 0.5 : 1,
              color: COLOURS[i % COLOURS.length],
            }),
          )
        }
      })
    }
    const seedMs = performance.now() - seedStart

    const runs: Array<Record<string, unknown>> = []
    const profiling = Boolean(process.env.REPORT_PROFILE)
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({
        viewport: { width: 1440, height: 1000 },
        locale: 'da-DK',
        acceptDownloads: true,
      })
      const page = await context.newPage()
      await page.goto(`${url}/w/${w.workshopId}/archive#k=${w.organizerKey}`)
      await page.locator('[data-testid^="poster-"]').first().waitFor({ timeout: 120_000 })
      // Every card has drawn its poster, so the measured part is the report alone.
      await page.waitForFunction(
        (n) => {
          const cards = [...document.querySelectorAll('[data-testid^="poster-"]')]
          return cards.length === n && cards.every((c) => c.querySelector('svg [data-kind="note"]'))
        },
        view.posters.length,
        { timeout: 300_000, polling: 250 },
      )
      // Let the poster cards settle before the measured part starts.
      await page.waitForTimeout(2000)
      // A string, not a function: the TypeScript runner's helpers do not exist in the page.
      await page.evaluate(`(() => {
        window.gaps_ = []
        window.longTasks_ = []
        let last = performance.now()
        window.timer_ = setInterval(() => {
          const now = performance.now()
          window.gaps_.push(now - last)
          last = now
        }, 16)
        window.steps_ = []
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) window.longTasks_.push([e.startTime, e.duration])
        }).observe({ type: 'longtask' })
        new MutationObserver(() => {
          const t = document.querySelector('.ar-progress span')?.textContent
          if (t && t !== window.steps_.at(-1)?.[1]) window.steps_.push([performance.now(), t])
        }).observe(document.body, { subtree: true, childList: true, characterData: true })
      })()`)
      const cdp = profiling && run === 0 ? await context.newCDPSession(page) : null
      if (cdp) {
        await cdp.send('Profiler.enable')
        await cdp.send('Profiler.setSamplingInterval', { interval: 1000 })
        await cdp.send('Profiler.start')
      }
      const started = Date.now()
      const download = page.waitForEvent('download', { timeout: 1_800_000 })
      download.catch(() => {})
      await page
        .getByRole('button', { name: 'Rapport (PDF)' })
        .click()
        .catch(async (err) => {
          await page.screenshot({ path: join(tmpdir(), 'plenum-report-bench-failure.png') })
          throw err
        })
      const file = join(dataDir, `report-${run}.pdf`)
      await (await download).saveAs(file)
      const seconds = (Date.now() - started) / 1000
      if (cdp) printProfile((await cdp.send('Profiler.stop')).profile)
      const probe = (await page.evaluate(
        '(() => { clearInterval(window.timer_); return { gaps: window.gaps_, longTasks: window.longTasks_, steps: window.steps_, now: performance.now() } })()',
      )) as {
        gaps: number[]
        longTasks: Array<[number, number]>
        steps: Array<[number, string]>
        now: number
      }
      // Page time of the click, from the time since it on both clocks.
      const clickAt = probe.now - (Date.now() - started)
      const at = (t: number) => round((t - clickAt) / 1000, 2)
      const steps = probe.steps.map(([t, text]) => `${at(t)} s: ${text}`)
      const longTasks = probe.longTasks.map(([, d]) => d)
      if (process.env.REPORT_VERBOSE) {
        for (const s of steps) console.log(s)
        for (const [t, d] of probe.longTasks) console.log(`long task at ${at(t)} s: ${round(d)} ms`)
      }
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())?.[1])
      if (run === 0 && process.env.REPORT_PDF) copyFileSync(file, process.env.REPORT_PDF)
      const r = {
        seconds: round(seconds, 1),
        pages,
        bytes: readFileSync(file).byteLength,
        longestGapMs: round(Math.max(...probe.gaps)),
        gapP99Ms: round(percentile(probe.gaps, 99)),
        longTasks: longTasks.length,
        longestTaskMs: round(Math.max(0, ...longTasks)),
        longTaskTotalMs: round(longTasks.reduce((a, b) => a + b, 0)),
        steps,
      }
      console.log(JSON.stringify({ run, ...r, steps: steps.slice(-2) }))
      runs.push(r)
      await context.close()
    }

    const median = (key: string) =>
      round(
        percentile(
          runs.map((r) => r[key] as number),
          50,
        ),
        1,
      )
    const result = {
      at: new Date().toISOString(),
      rounds: ROUNDS,
      tables: TABLES,
      posters: view.posters.length,
      notesPerPoster: NOTES,
      seedMs: round(seedMs),
      runs: runs.length,
      median: {
        seconds: median('seconds'),
        longestGapMs: median('longestGapMs'),
        longestTaskMs: median('longestTaskMs'),
        bytes: median('bytes'),
        pages: median('pages'),
      },
      loadAverage: loadavg().map((v) => round(v, 2)),
      perRun: runs,
    }
    console.log(JSON.stringify({ ...result, perRun: undefined }, null, 2))
    const dir = join(process.cwd(), 'bench', 'results')
    mkdirSync(dir, { recursive: true })
    writeFileSync(
      join(dir, `report-${result.at.replace(/[:.]/g, '-')}.json`),
      `${JSON.stringify(result, null, 2)}\n`,
    )
  } finally {
    await browser.close()
    await close()
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
