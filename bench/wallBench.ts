/**
 * `npm run bench:wall [-- --tables 30 --shapes 300 --edits 40 --load-seconds 15]`: the
 * facilitator's wall in a real Chromium with many busy tables. Starts a Plenum server on a
 * free port (the built client must exist: `npm run build`), seeds every poster, opens the wall
 * at 1920×1080 and measures:
 *
 * - first full render: navigation until every tile has drawn all its notes;
 * - edit → tile: a note written by a y-websocket client until the wall draws it (p50/p95);
 * - frame times while every table edits once a second (requestAnimationFrame intervals);
 * - the page's JavaScript heap after loading and after the load.
 *
 * Results go to `bench/results/wall-<timestamp>.json`. `CLIENT_DIR` points at another client
 * build; `WALL_PROFILE=1` records a CPU profile of the first render and prints the functions
 * with the most self time, who calls Yjs's string codecs, and when the WebSockets opened.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { testProvider } from '../server/testing/testProvider'
import type { CreateWorkshopResponse, WorkshopView } from '../shared/api'
import { getRecordKV, type JsonRecord, writeRecord } from '../shared/docLayout'
import { noteRecord } from './lib/benchRecords'
import { launchChromium, startBenchServer } from './lib/browserBench'
import { type CpuProfile, frameName, selfTimes } from './lib/cpuProfile'
import { percentile, round } from './lib/stats'

const { values: args } = parseArgs({
  options: {
    tables: { type: 'string', default: '30' },
    shapes: { type: 'string', default: '300' },
    edits: { type: 'string', default: '40' },
    'load-seconds': { type: 'string', default: '15' },
  },
})
const TABLES = Number(args.tables)
const SHAPES = Number(args.shapes)
const EDITS = Number(args.edits)
const LOAD_SECONDS = Number(args['load-seconds'])

/** A note with a valid fractional index key for any `index` (a fraction never ends in 0). */
function note(id: string, index: number, text: string): JsonRecord {
  return { ...noteRecord(id, index, text), index: `a1${index.toString(36)}V` }
}

const summary = (samples: number[]) => ({
  count: samples.length,
  p50: round(percentile(samples, 50)),
  p95: round(percentile(samples, 95)),
  max: round(Math.max(...samples)),
})

/** Prints the functions with the most self time in a CPU profile (set WALL_PROFILE=1). */
function printProfile(profile: CpuProfile): void {
  for (const [name, ms] of selfTimes(profile).top.slice(0, 25))
    console.log(`${ms.toFixed(0).padStart(7)} ms  ${name}`)
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]))
  const samples = profile.samples ?? []
  const deltas = profile.timeDeltas ?? []
  // Inclusive time per function (readable with an unminified CLIENT_DIR build).
  const parentOf = new Map<number, number>()
  for (const n of profile.nodes as Array<{ id: number; children?: number[] }>)
    for (const c of n.children ?? []) parentOf.set(c, n.id)
  const total = new Map<string, number>()
  for (let i = 0; i < samples.length; i++) {
    const seen = new Set<string>()
    for (let id: number | undefined = samples[i]; id !== undefined; id = parentOf.get(id)) {
      const f = byNode.get(id)?.callFrame
      const name = frameName(f)
      if (seen.has(name)) continue
      seen.add(name)
      total.set(name, (total.get(name) ?? 0) + (deltas[i] ?? 0) / 1000)
    }
  }
  console.log('-- inclusive')
  for (const [name, ms] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 40))
    console.log(`${ms.toFixed(0).padStart(7)} ms  ${name}`)
  // Who calls the string codecs: parents two levels up.
  const parent = new Map<number, number>()
  for (const n of profile.nodes as Array<{ id: number; children?: number[] }>)
    for (const c of n.children ?? []) parent.set(c, n.id)
  const callers = new Map<string, number>()
  for (let i = 0; i < samples.length; i++) {
    const f = byNode.get(samples[i])?.callFrame
    if (!f?.functionName.includes('VarString')) continue
    const chain: string[] = []
    let id = parent.get(samples[i])
    for (let k = 0; k < 6 && id !== undefined; k++) {
      chain.push(byNode.get(id)?.callFrame.functionName || '(anon)')
      id = parent.get(id)
    }
    const key = `${f.functionName} <- ${chain.join(' <- ')}`
    callers.set(key, (callers.get(key) ?? 0) + (deltas[i] ?? 0) / 1000)
  }
  for (const [k, ms] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, 8))
    console.log(`${ms.toFixed(0).padStart(7)} ms  ${k}`)
}

async function main(): Promise<void> {
  const { server, url, close } = await startBenchServer('wall-bench', { maxConnectionsPerIp: 1000 })
  const post = async <T>(path: string, body: unknown, key?: string): Promise<T> => {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify(body),
    })
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
    return (await res.json()) as T
  }
  const writers: Array<{ doc: Y.Doc; provider: WebsocketProvider }> = []
  const browser = await launchChromium(['--disable-quic'])
  try {
    const w = await post<CreateWorkshopResponse>('/api/workshops', {
      title: 'Væg-benchmark',
      date: '2026-11-22',
      rounds: [{ title: 'Runde', questions: ['Formål', 'Målgrupper', 'Aktiviteter'] }],
      tables: TABLES,
    })
    const view = (await (
      await fetch(`${url}/api/workshops/${w.workshopId}`, {
        headers: { authorization: `Bearer ${w.facilitatorKey}` },
      })
    ).json()) as WorkshopView
    await post(
      `/api/workshops/${w.workshopId}/rounds/${view.rounds[0].id}/start`,
      { minutes: 30 },
      w.facilitatorKey,
    )
    const posters = w.tables.map((t) => view.posters.find((p) => p.tableId === t.id)!.docName)

    // Seed: SHAPES notes on every poster, written by the server as one edit each.
    const seedStart = performance.now()
    for (const docName of posters) {
      await server.rooms.transact(docName, (doc) => {
        const kv = getRecordKV(doc)
        for (let i = 0; i < SHAPES; i++)
          writeRecord(kv, note(`seed${i}`, i, `Note ${i} om borgerinddragelse`))
      })
    }
    const seedMs = performance.now() - seedStart

    for (const docName of posters) {
      const doc = new Y.Doc()
      const provider = testProvider(`${url.replace('http', 'ws')}/sync`, docName, doc, {
        params: { token: w.facilitatorKey },
      })
      writers.push({ doc, provider })
    }
    const observers: Y.Doc[] = []
    for (const docName of posters) {
      const doc = new Y.Doc()
      getRecordKV(doc)
      const provider = testProvider(`${url.replace('http', 'ws')}/sync`, docName, doc, {
        params: { token: w.screenKey },
      })
      writers.push({ doc, provider })
      observers.push(doc)
    }
    await Promise.all(
      writers.map((c) => new Promise((r) => (c.provider.synced ? r(null) : c.provider.once('sync', r)))),
    )

    const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage()
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Performance.enable')
    const heapMb = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics')
      return round((metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1024 / 1024)
    }

    // First full render: every tile shows its seeded notes (plus the template's frames).
    const profiling = Boolean(process.env.WALL_PROFILE)
    if (profiling) {
      await page.addInitScript(`(() => {
        const t0 = performance.now()
        window.wsLog_ = []
        const Native = WebSocket
        window.WebSocket = class extends Native {
          constructor(url, p) {
            super(url, p)
            const name = String(url).split('?')[0].split('/').pop()
            const log = (ev) => window.wsLog_.push([name, ev, Math.round(performance.now() - t0)])
            log('new')
            this.addEventListener('open', () => log('open'))
            let first = true
            this.addEventListener('message', () => { if (first) { first = false; log('msg') } })
          }
        }
      })()`)
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.start')
    }
    const navStart = Date.now()
    await page.goto(`${url}/w/${w.workshopId}/wall#k=${w.facilitatorKey}`)
    await page.waitForFunction(
      ({ tables, shapes }) => {
        const tiles = [...document.querySelectorAll('[data-testid="wall-tile"]')]
        // Drawn, not only known: every tile holds an element for each of its notes.
        const drawn = '[data-kind="note"], [data-testid="reading-note"]'
        return tiles.length === tables && tiles.every((t) => t.querySelectorAll(drawn).length >= shapes)
      },
      { tables: TABLES, shapes: SHAPES },
      { timeout: 120_000, polling: 50 },
    )
    const firstRenderMs = Date.now() - navStart
    if (profiling) {
      printProfile((await cdp.send('Profiler.stop')).profile)
      // The network waterfall: when each request started and ended, after navigation.
      const entries = (await page.evaluate(`performance.getEntriesByType('resource')
        .concat(performance.getEntriesByType('paint'))
        .map((e) => [e.name.split('/').pop().split('?')[0], Math.round(e.startTime), Math.round(e.startTime + e.duration)])`)) as Array<
        [string, number, number]
      >
      for (const [name, start, end] of entries)
        console.log(`${String(start).padStart(6)} → ${String(end).padStart(6)} ms  ${name}`)
      const log = (await page.evaluate('window.wsLog_')) as Array<[string, string, number]>
      for (const ev of ['new', 'open', 'msg']) {
        const at = log.filter((l) => l[1] === ev).map((l) => l[2])
        console.log(`ws ${ev}: n=${at.length} first=${Math.min(...at)} last=${Math.max(...at)} ms`)
      }
    }
    const heapAfterLoad = await heapMb()

    // Edit → tile, one edit at a time on tables taken in turn; the relay to a second
    // y-websocket client of the same poster separates the server's share from the wall's.
    const latencies: number[] = []
    const relays: number[] = []
    for (let i = 0; i < EDITS; i++) {
      const writer = writers[i % TABLES]
      const observer = observers[i % TABLES]
      const text = `Ny idé ${i}`
      const id = `shape:edit${i}`
      const relayed = new Promise<number>((resolve) => {
        const kv = getRecordKV(observer)
        const check = () => {
          if (!kv.map.has(`${id}/typeName`)) return
          kv.off('change', check)
          resolve(Date.now())
        }
        kv.on('change', check)
      })
      const started = Date.now()
      writer.doc.transact(() => writeRecord(getRecordKV(writer.doc), note(`edit${i}`, SHAPES + i, text)))
      await page.waitForSelector(`[data-text="${text}"]`, { state: 'attached', timeout: 30_000 })
      latencies.push(Date.now() - started)
      relays.push((await relayed) - started)
    }

    // Frame times while every table edits once a second (moves one of its notes).
    // A string, not a function: the TypeScript runner's helpers do not exist in the page.
    await page.evaluate(`(() => {
      window.frames_ = []
      window.stopFrames_ = false
      let last = performance.now()
      const tick = (now) => {
        window.frames_.push(now - last)
        last = now
        if (!window.stopFrames_) requestAnimationFrame(tick)
      }
      requestAnimationFrame(tick)
    })()`)
    const timers = writers.slice(0, TABLES).map((writer, i) => {
      let n = 0
      const move = () => {
        const base = note('seed0', 0, 'Note 0 om borgerinddragelse')
        const moved: JsonRecord = { ...base, x: (n++ % 10) * 30, y: 40 }
        writer.doc.transact(() => writeRecord(getRecordKV(writer.doc), moved, base))
      }
      return setTimeout(
        () => {
          move()
          timers[i] = setInterval(move, 1000)
        },
        (1000 * i) / TABLES,
      )
    })
    await new Promise((r) => setTimeout(r, LOAD_SECONDS * 1000))
    for (const t of timers) clearInterval(t)
    const frames = (await page.evaluate(
      '(() => { window.stopFrames_ = true; return window.frames_.slice(1) })()',
    )) as number[]
    const heapAfterEdits = await heapMb()

    const result = {
      at: new Date().toISOString(),
      tables: TABLES,
      shapesPerPoster: SHAPES,
      seedMs: round(seedMs),
      firstRenderMs,
      editToTileMs: summary(latencies),
      editToOtherClientMs: summary(relays),
      loadAverage: loadavg().map((v) => round(v, 2)),
      framesUnderLoad: {
        seconds: LOAD_SECONDS,
        editsPerSecond: TABLES,
        frameMs: summary(frames),
        longFrames50ms: frames.filter((f) => f > 50).length,
        fps: round(frames.length / LOAD_SECONDS),
      },
      heapMb: { afterLoad: heapAfterLoad, afterEdits: heapAfterEdits },
    }
    console.log(JSON.stringify(result, null, 2))
    const dir = join(process.cwd(), 'bench', 'results')
    mkdirSync(dir, { recursive: true })
    writeFileSync(
      join(dir, `wall-${result.at.replace(/[:.]/g, '-')}.json`),
      `${JSON.stringify(result, null, 2)}\n`,
    )
  } finally {
    // Destroying the doc too stops its awareness's check interval, which keeps the process alive.
    for (const c of writers) {
      c.provider.destroy()
      c.doc.destroy()
    }
    await browser.close()
    await close()
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
