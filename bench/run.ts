/**
 * `npm run bench [-- options]`: the same load against Plenum, the reference y-websocket server
 * and Hocuspocus, each in its own process, one after another in this invocation; prints a
 * table and writes `bench/results/<timestamp>.json`.
 *
 *   --profile workshop|tables|big|light|scale|soak   (default workshop)
 *   --runs N          repeat and report medians (default 1)
 *   --poster-notes N  notes each poster holds before the load starts (default 0)
 *   --duration S      seconds of load per run, measured (default 20; soak: 600)
 *   --warmup S        seconds of load before the measured window (default 1)
 *   --servers a,b     subset of plenum,reference,hocuspocus
 *   --client lean|stock  load clients (default lean; Hocuspocus always lean)
 *   --workers N       load generator processes (default 1, 2 from 300 clients)
 *   --parts a,b       scale profile parts: multi,capacity,reconnect (default all)
 *   --cpu-prof        write a V8 CPU profile of each server to $TMPDIR/plenum-bench-profiles/
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { measureBundles } from './bundleSize'
import { measureDocSize } from './docSize'
import { type LoadOptions, type RunResult, runLoad } from './lib/loadRun'
import { type ServerKind, ServerProcess } from './lib/ServerProcess'
import { median, round } from './lib/stats'
import { measureRoomMemory } from './roomMemory'
import { runScaleProfile, SCALE_PARTS } from './scale'
import { runSoak } from './soak'

/** A named load shape. */
interface Profile {
  rooms: number
  clientsPerRoom: number
  editsPerSecond: number
  cursorHz: number
}

const PROFILES: Record<string, Profile> = {
  workshop: { rooms: 20, clientsPerRoom: 6, editsPerSecond: 2, cursorHz: 10 },
  big: { rooms: 50, clientsPerRoom: 8, editsPerSecond: 4, cursorHz: 10 },
  /** Ten tables of five, as issue-sized comparisons use: 2 edits/s and 5 Hz cursors each. */
  tables: { rooms: 10, clientsPerRoom: 5, editsPerSecond: 2, cursorHz: 5 },
  /** A light load no server should queue under: latency then shows each server's own path. */
  light: { rooms: 5, clientsPerRoom: 4, editsPerSecond: 1, cursorHz: 2 },
}

const PROFILE_DIR = join(tmpdir(), 'plenum-bench-profiles')

const ALL_SERVERS: ServerKind[] = ['plenum', 'reference', 'hocuspocus']

const { values: args } = parseArgs({
  options: {
    profile: { type: 'string', default: 'workshop' },
    runs: { type: 'string', default: '1' },
    'poster-notes': { type: 'string', default: '0' },
    duration: { type: 'string' },
    warmup: { type: 'string', default: '1' },
    servers: { type: 'string', default: ALL_SERVERS.join(',') },
    client: { type: 'string', default: 'lean' },
    workers: { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
    parts: { type: 'string', default: SCALE_PARTS.join(',') },
  },
})

const started = new Date()
const servers = args.servers.split(',').map((s) => s.trim()) as ServerKind[]
for (const s of servers) if (!ALL_SERVERS.includes(s)) throw new Error(`unknown server "${s}"`)
const client = args.client === 'stock' ? 'stock' : 'lean'
const output: Record<string, unknown> = {
  startedAt: started.toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavg: loadavg(), node: process.version },
  args,
}

if (args.profile === 'scale') {
  output.scale = await runScaleProfile(Number(args.duration ?? 20), args.parts.split(','))
} else if (args.profile === 'soak') {
  output.soak = await runSoak(Number(args.duration ?? 600))
} else {
  const profile = PROFILES[args.profile]
  if (!profile)
    throw new Error(`unknown profile "${args.profile}" (workshop, tables, big, light, scale, soak)`)
  output.comparison = await compare(profile)
  const docSize = measureDocSize()
  output.docSize = docSize
  console.log(
    `\nDocument size: 200 notes, 10,000 moves: Yjs state ${kb(docSize.yjsBytes)} vs tldraw JSON snapshot ` +
      `${kb(docSize.snapshotBytes)} = ${round(docSize.ratio, 2)}× (goal ≤ 3×); reload matches: ${docSize.reloadMatches}`,
  )
  const roomMemory = [await measureRoomMemory(0), await measureRoomMemory(300)]
  output.roomMemory = roomMemory
  for (const r of roomMemory) {
    console.log(
      `Idle loaded room, poster of ${r.notes} notes (state ${kb(r.stateBytes)}): ${kb(r.bytesPerRoom)} ` +
        `(a bare Y.Doc of it: ${kb(r.bytesPerYDoc)})`,
    )
  }
  const bundles = measureBundles()
  output.bundles = bundles
  if (!bundles) console.log('Bundles: dist/client not built (run `npm run build` first)')
  else {
    console.log(`\nClient bundles (gzip): total ${kb(bundles.totalGzipBytes)}`)
    for (const c of bundles.chunks)
      console.log(`  ${c.file.padEnd(48)} ${kb(c.gzipBytes).padStart(10)}  (raw ${kb(c.bytes)})`)
  }
}

mkdirSync('bench/results', { recursive: true })
const file = `bench/results/${started.toISOString().replace(/[:.]/g, '-')}.json`
writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`)
console.log(`\nResults written to ${file}`)
process.exit(0)

/** Runs the profile against every server, `--runs` times interleaved, and prints medians. */
async function compare(
  profile: Profile,
): Promise<Record<string, { runs: RunResult[]; median: Summary; toReference: Ratios | null }>> {
  const runs = Number(args.runs)
  const durationSec = Number(args.duration ?? 20)
  const warmupMs = Number(args.warmup) * 1000
  const clients = profile.rooms * profile.clientsPerRoom
  const posterNotes = Number(args['poster-notes'])
  const workers = Number(args.workers ?? (clients >= 300 ? 2 : 1))
  console.log(
    `Profile ${args.profile}: ${profile.rooms} rooms × ${profile.clientsPerRoom} ${client} clients, ` +
      `${profile.editsPerSecond} edits/s + ${profile.cursorHz} Hz cursors each, posters holding ${posterNotes} notes, ` +
      `${durationSec} s measured after ${warmupMs / 1000} s of warm-up × ${runs} run(s), ` +
      `${workers} load process(es)`,
  )
  const nominalOps = clients * (profile.editsPerSecond + profile.cursorHz) * durationSec
  const results: Record<string, RunResult[]> = Object.fromEntries(servers.map((s) => [s, []]))
  for (let run = 0; run < runs; run++) {
    for (const kind of servers) {
      const profiling = args['cpu-prof']
        ? ['--cpu-prof', '--cpu-prof-dir', join(PROFILE_DIR, `${kind}-${run}`)]
        : []
      const server = await ServerProcess.start(kind, {}, profiling)
      try {
        const opts: LoadOptions = {
          ...profile,
          posterNotes,
          durationSec,
          warmupMs,
          workers,
          runId: `${run}`,
          client,
        }
        const result = await runLoad([server], opts)
        results[kind].push(result)
        console.log(`  run ${run + 1} ${kind.padEnd(10)} ${line(summary([result], nominalOps))}`)
      } finally {
        await server.stop()
      }
    }
  }
  const out: Record<string, { runs: RunResult[]; median: Summary; toReference: Ratios | null }> = {}
  const reference = results.reference?.length ? summary(results.reference, nominalOps) : null
  for (const kind of servers) {
    const median = summary(results[kind], nominalOps)
    out[kind] = { runs: results[kind], median, toReference: reference ? ratios(median, reference) : null }
  }
  printTable(out)
  return out
}

/** Medians over runs of the figures the table shows. */
interface Summary {
  editP50: number
  editP99: number
  awarenessP50: number
  awarenessP99: number
  cpuSeconds: number
  /** Share of the server's CPU spent in the kernel (sockets, files), in percent. */
  systemCpuPct: number
  cpuMsPerKiloOps: number
  /** Server CPU microseconds per message it had to deliver to a client. */
  cpuUsPerDelivery: number
  /** Client operations made, as a share of the nominal rate (below 100% on a starved machine). */
  opsPct: number
  peakRssMb: number
  deliveredPct: number
  converged: string
}

function summary(runs: RunResult[], nominalOps: number): Summary {
  const m = (pick: (r: RunResult) => number) => median(runs.map(pick))
  return {
    editP50: m((r) => r.edit.p50),
    editP99: m((r) => r.edit.p99),
    awarenessP50: m((r) => r.awareness.p50),
    awarenessP99: m((r) => r.awareness.p99),
    cpuSeconds: m((r) => r.cpuSeconds),
    systemCpuPct: m((r) => (r.cpuSeconds > 0 ? (r.systemCpuSeconds / r.cpuSeconds) * 100 : 0)),
    cpuMsPerKiloOps: m((r) => r.cpuMsPerKiloOps),
    cpuUsPerDelivery: m((r) => r.cpuUsPerDelivery),
    opsPct: m((r) => (r.opsSent / nominalOps) * 100),
    peakRssMb: m((r) => r.peakRssMb),
    deliveredPct: m((r) => r.deliveredRatio * 100),
    converged: runs.map((r) => `${r.roomsConverged}/${r.rooms}`).join(' '),
  }
}

/** A server's medians divided by the reference server's (below 1: better than the reference). */
interface Ratios {
  cpuPerDelivery: number
  peakRss: number
  editP50: number
  editP99: number
}

function ratios(s: Summary, ref: Summary): Ratios {
  return {
    cpuPerDelivery: round(s.cpuUsPerDelivery / ref.cpuUsPerDelivery, 2),
    peakRss: round(s.peakRssMb / ref.peakRssMb, 2),
    editP50: round(s.editP50 / ref.editP50, 2),
    editP99: round(s.editP99 / ref.editP99, 2),
  }
}

function line(s: Summary): string {
  return (
    `edit p50 ${ms(s.editP50)} p99 ${ms(s.editP99)} | cursor p50 ${ms(s.awarenessP50)} p99 ${ms(s.awarenessP99)} | ` +
    `CPU ${round(s.cpuSeconds, 2)} s (kernel ${round(s.systemCpuPct)}%, ${round(s.cpuUsPerDelivery, 1)} µs/delivery, ${round(s.cpuMsPerKiloOps)} ms/1k ops, ops ${round(s.opsPct)}% of nominal) | peak RSS ${round(s.peakRssMb)} MB | delivered ${round(s.deliveredPct, 2)}% | converged ${s.converged}`
  )
}

function printTable(out: Record<string, { median: Summary; toReference: Ratios | null }>): void {
  const header = [
    'server',
    'edit p50',
    'edit p99',
    'p99 ×ref',
    'cursor p50',
    'cursor p99',
    'CPU s',
    'kernel',
    'CPU µs/delivery',
    'CPU ×ref',
    'ops/nominal',
    'peak RSS MB',
    'RSS ×ref',
    'delivered',
    'converged',
  ]
  const times = (value: number | undefined) => (value === undefined ? '–' : `${value}×`)
  const rows = Object.entries(out).map(([kind, { median: s, toReference: r }]) => [
    kind,
    ms(s.editP50),
    ms(s.editP99),
    times(r?.editP99),
    ms(s.awarenessP50),
    ms(s.awarenessP99),
    String(round(s.cpuSeconds, 2)),
    `${round(s.systemCpuPct)}%`,
    String(round(s.cpuUsPerDelivery, 1)),
    times(r?.cpuPerDelivery),
    `${round(s.opsPct)}%`,
    String(round(s.peakRssMb)),
    times(r?.peakRss),
    `${round(s.deliveredPct, 2)}%`,
    s.converged,
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ')
  console.log(`\nMedians over ${args.runs} run(s):`)
  console.log(fmt(header))
  for (const r of rows) console.log(fmt(r))
  const ref = out.reference?.median
  const ours = out.plenum?.median
  if (ref && ours) {
    console.log(
      `Plenum / reference: edit p99 ${round(ours.editP99 / ref.editP99, 2)}×, cursor p99 ` +
        `${round(ours.awarenessP99 / ref.awarenessP99, 2)}×, CPU per op ${round(ours.cpuMsPerKiloOps / ref.cpuMsPerKiloOps, 2)}×, ` +
        `peak RSS ${round(ours.peakRssMb / ref.peakRssMb, 2)}×`,
    )
  }
  const hp = out.hocuspocus?.median
  if (hp && ours) {
    console.log(
      `Plenum / Hocuspocus: edit p99 ${round(ours.editP99 / hp.editP99, 2)}×, CPU per op ${round(ours.cpuMsPerKiloOps / hp.cpuMsPerKiloOps, 2)}×, ` +
        `peak RSS ${round(ours.peakRssMb / hp.peakRssMb, 2)}×`,
    )
  }
}

function ms(value: number): string {
  return Number.isFinite(value) ? `${round(value, 1)} ms` : '–'
}

function kb(bytes: number): string {
  return `${round(bytes / 1024, 1)} KB`
}
