/** A throw-away Redis server for tests, on a free loopback port, persisting nothing. */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './freePort.js'

/** A running test Redis. */
export interface TestRedis {
  /** redis:// URL of the server. */
  url: string
  /** Stops the server and removes its folder. */
  stop(): Promise<void>
}

/** Path of `redis-server`, or null when Redis is not installed. */
export function findRedisServer(): string | null {
  try {
    return (
      execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8', stdio: 'pipe' }).trim() ||
      null
    )
  } catch {
    return null
  }
}

/** Starts redis-server (on `port`, or a free one) and waits until it accepts connections. */
export async function startRedis(options: { port?: number } = {}): Promise<TestRedis> {
  const binary = findRedisServer()
  if (!binary) throw new Error('redis-server not found; install redis-server')
  const dir = mkdtempSync(join(tmpdir(), 'plenum-redis-'))
  const port = options.port ?? (await freePort())
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const killSync = () => {
    child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
  process.once('exit', killSync)
  try {
    await waitForReady(child)
  } catch (error) {
    process.removeListener('exit', killSync)
    killSync()
    throw error
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      process.removeListener('exit', killSync)
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

function waitForReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000)
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`redis-server exited with ${code}:\n${output}`))
    })
  })
}
