/**
 * `npm run bench:start [-- --runs N --idle S]`: starts Plenum as a user does (`npm start`, client
 * and server already built) N times; measures the time from spawning `npm start` until
 * `/healthz` answers, and S seconds later (default 3) the memory of every process `npm start`
 * left running: resident sets summed, proportional sets summed, and their physical pages
 * counted once (root only). Writes `bench/results/start-<timestamp>.json`.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { freePort } from '../server/testing/freePort'
import { type GroupMemory, groupMemory, processTree } from './lib/processMemory'
import { median, round } from './lib/stats'

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, idle: { type: 'string', default: '3' } },
})
const runs = Number(args.runs)
const idleMs = Number(args.idle) * 1000

interface StartRun {
  startupSeconds: number
  memory: GroupMemory
}

async function waitForHealth(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`)
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`)
      if (res.ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error(`no answer from /healthz within ${timeoutMs} ms`)
}

async function startOnce(measure: boolean): Promise<StartRun | null> {
  const port = await freePort()
  const dataDir = mkdtempSync(join(tmpdir(), 'plenum-start-'))
  const started = performance.now()
  const child = spawn('npm', ['start'], {
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  try {
    // The first start may build the client and the server; measured starts find them built.
    await waitForHealth(port, child, measure ? 60_000 : 300_000)
    const startupSeconds = (performance.now() - started) / 1000
    if (!measure) return null
    await new Promise((r) => setTimeout(r, idleMs))
    return { startupSeconds, memory: groupMemory(processTree(child.pid ?? -1)) }
  } finally {
    if (child.exitCode === null) process.kill(-(child.pid ?? 0), 'SIGTERM')
    await exited
    rmSync(dataDir, { recursive: true, force: true })
  }
}

const mb = (bytes: number) => round(bytes / 1e6, 1)

await startOnce(false)
const results: StartRun[] = []
for (let run = 0; run < runs; run++) {
  const result = await startOnce(true)
  if (!result) continue
  results.push(result)
  const { memory } = result
  const each = memory.processes.map((p) => `${p.command.split(' ')[0]} ${mb(p.rssBytes)}`).join(', ')
  console.log(
    `run ${run + 1}: listening after ${round(result.startupSeconds, 2)} s; ${memory.processes.length} processes ` +
      `(${each}); RSS summed ${mb(memory.rssBytes)} MB, PSS ${mb(memory.pssBytes)} MB, ` +
      `pages counted once ${memory.uniqueBytes === null ? 'n/a (needs root)' : `${mb(memory.uniqueBytes)} MB`}`,
  )
}
const m = (pick: (r: StartRun) => number) => median(results.map(pick))
const summary = {
  startupSeconds: round(
    m((r) => r.startupSeconds),
    2,
  ),
  processes: m((r) => r.memory.processes.length),
  rssMb: mb(m((r) => r.memory.rssBytes)),
  pssMb: mb(m((r) => r.memory.pssBytes)),
  uniqueMb: results.every((r) => r.memory.uniqueBytes !== null)
    ? mb(m((r) => r.memory.uniqueBytes ?? 0))
    : null,
  serverRssMb: mb(m((r) => r.memory.processes[r.memory.processes.length - 1]?.rssBytes ?? 0)),
}
console.log(
  `\nMedians of ${results.length}: listening after ${summary.startupSeconds} s; ${summary.processes} processes; ` +
    `RSS summed ${summary.rssMb} MB (the server ${summary.serverRssMb} MB), PSS summed ${summary.pssMb} MB, ` +
    `pages counted once ${summary.uniqueMb ?? 'n/a'} MB`,
)
mkdirSync('bench/results', { recursive: true })
const file = `bench/results/start-${new Date().toISOString().replace(/[:.]/g, '-')}.json`
writeFileSync(
  file,
  `${JSON.stringify({ machine: { cpus: cpus().length, loadavg: loadavg(), node: process.version }, summary, results }, null, 2)}\n`,
)
console.log(`Results written to ${file}`)
