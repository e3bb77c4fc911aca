/**
 * A benchmarked server running in its own child process, so its CPU time and memory can be
 * read from /proc without the load generator's share mixed in.
 */
import { type ChildProcess, fork, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serverNodeFlags } from '../../scripts/nodeFlags'
import type { ReadyMessage } from '../servers/childHarness'
import { cpuSeconds, cpuTimes, memory } from './procStats'

const SERVERS_DIR = fileURLToPath(new URL('../servers/', import.meta.url))
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
/** Compiled server entry points, inside the repository so packages resolve from node_modules. */
const COMPILED_DIR = join(ROOT, 'dist', 'bench')
const READY_TIMEOUT_MS = 60_000
const STOP_TIMEOUT_MS = 15_000

/**
 * Plenum runs with the V8 settings `npm start` gives it (`scripts/nodeFlags.ts`), or with
 * `BENCH_PLENUM_NODE_FLAGS` (space-separated; empty for none) to measure without them.
 */
function plenumNodeFlags(): string[] {
  const override = process.env.BENCH_PLENUM_NODE_FLAGS
  if (override === undefined) return [...serverNodeFlags]
  return override.split(' ').filter(Boolean)
}

/** The servers the bench knows, by key. */
export type ServerKind = 'plenum' | 'reference' | 'hocuspocus'

/** A started server child process. */
export class ServerProcess {
  private sampler: NodeJS.Timeout | null = null
  private sampledPeak = 0
  /** RSS every 10 s while sampling: [seconds since start, bytes]. */
  timeline: Array<[number, number]> = []
  private exited: Promise<number | null>

  private constructor(
    readonly kind: ServerKind,
    private readonly child: ChildProcess,
    /** How clients reach it. */
    readonly ready: ReadyMessage,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)))
  }

  /**
   * Starts `bench/servers/<kind>.ts`, compiled to plain JavaScript as production runs it (no
   * TypeScript loader in the measured process), with extra environment; waits until it listens.
   */
  static async start(
    kind: ServerKind,
    env: Record<string, string> = {},
    nodeArgs: string[] = [],
  ): Promise<ServerProcess> {
    const child = fork(compile(kind), [], {
      execArgv: [...(kind === 'plenum' ? plenumNodeFlags() : []), ...nodeArgs],
      env: { ...process.env, ...env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
      // stdout carries the servers' own chatter; stderr is passed on, minus Hocuspocus's notices
      // that another instance holds a document's store lock (expected with two instances).
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    })
    child.stderr?.setEncoding('utf8')
    child.stderr?.on('data', (chunk: string) => {
      const lines = chunk.split('\n').filter((l) => l && !l.includes('Another instance is already storing'))
      if (lines.length) process.stderr.write(`${lines.join('\n')}\n`)
    })
    const ready = await new Promise<ReadyMessage>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${kind} server did not start within 60 s`)),
        READY_TIMEOUT_MS,
      )
      child.on('message', (msg: ReadyMessage) => {
        if (msg?.type !== 'ready') return
        clearTimeout(timer)
        resolve(msg)
      })
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`${kind} server exited with ${code} before it was ready`))
      })
    })
    return new ServerProcess(kind, child, ready)
  }

  /** The child's process id. */
  get pid(): number {
    return this.child.pid ?? -1
  }

  /** CPU seconds used so far. */
  cpuSeconds(): number {
    return cpuSeconds(this.pid)
  }

  /** User and system CPU seconds used so far. */
  cpuTimes(): { user: number; system: number } {
    return cpuTimes(this.pid)
  }

  /** Current RSS and the kernel's high-water mark, in bytes. */
  memory(): { rss: number; peakRss: number } {
    return memory(this.pid)
  }

  /** Starts sampling RSS every 250 ms; `stopSampling` returns the largest sample. */
  startSampling(): void {
    const start = Date.now()
    this.sampledPeak = this.memory().rss
    this.timeline = [[0, this.sampledPeak]]
    let ticks = 0
    this.sampler = setInterval(() => {
      try {
        const { rss } = this.memory()
        this.sampledPeak = Math.max(this.sampledPeak, rss)
        if (++ticks % 40 === 0) this.timeline.push([Math.round((Date.now() - start) / 1000), rss])
      } catch {
        // The process may be exiting.
      }
    }, 250)
  }

  /** Stops sampling and returns the peak RSS seen while sampling. */
  stopSampling(): number {
    if (this.sampler) clearInterval(this.sampler)
    this.sampler = null
    return this.sampledPeak
  }

  /** SIGTERM (graceful), then SIGKILL if it does not exit in time. Resolves with the exit code. */
  async stop(): Promise<number | null> {
    this.stopSampling()
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.child.exitCode
    this.child.kill('SIGTERM')
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS)
    const code = await this.exited
    clearTimeout(timer)
    return code
  }

  /** Resolves when the process exits. */
  whenExited(): Promise<number | null> {
    return this.exited
  }
}

const compiled = new Map<ServerKind, string>()

/** Bundles a bench server with esbuild (packages external, like `npm run build:server`), once per bench run. */
function compile(kind: ServerKind): string {
  const known = compiled.get(kind)
  if (known) return known
  const outfile = join(COMPILED_DIR, `${kind}.js`)
  const result = spawnSync(
    join(ROOT, 'node_modules', 'esbuild', 'bin', 'esbuild'),
    [
      `${SERVERS_DIR}${kind}.ts`,
      '--bundle',
      '--platform=node',
      '--format=esm',
      '--target=node20',
      '--packages=external',
      '--log-level=warning',
      `--outfile=${outfile}`,
    ],
    { cwd: ROOT, stdio: 'inherit' },
  )
  if (result.status !== 0) throw new Error(`could not compile the ${kind} bench server`)
  compiled.set(kind, outfile)
  return outfile
}
