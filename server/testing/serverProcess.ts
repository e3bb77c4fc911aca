/**
 * Runs `server/main.ts` — the production entry point — as a child process, so a test can
 * kill it with SIGKILL like a crashing machine.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url))

/** A server running in its own process. */
export interface ServerProcess {
  /** Port it listens on. */
  port: number
  child: ChildProcess
  /** Kills it at once (SIGKILL) and waits for the exit. */
  kill(): Promise<void>
  /** The last lines it wrote (logs), for a failing test to show. */
  recentOutput(): string[]
}

/**
 * Starts `server/main.ts` with `env` on top of ours (PORT=0 by default) and waits until it
 * listens; it reads the port from the info-level start log line, so LOG_LEVEL stays `info`.
 * `args` replaces the node arguments (e.g. `scripts/start.mjs`, the compiled server).
 */
export function startServerProcess(
  env: Record<string, string>,
  args: string[] = ['--import', 'tsx', MAIN],
): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const killNow = () => child.kill('SIGKILL')
  process.once('exit', killNow)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const kill = async () => {
    process.removeListener('exit', killNow)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    await exited
  }
  return new Promise((resolve, reject) => {
    let output = ''
    let buffered = ''
    const recent: string[] = []
    const timer = setTimeout(() => {
      void kill()
      reject(new Error(`server process did not start:\n${output}`))
    }, 90_000)
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      let newline = buffered.indexOf('\n')
      while (newline >= 0) {
        const line = buffered.slice(0, newline)
        buffered = buffered.slice(newline + 1)
        newline = buffered.indexOf('\n')
        if (output.length < 20_000) output += `${line}\n`
        recent.push(line)
        if (recent.length > 200) recent.shift()
        if (!line.includes('plenum is running')) continue
        const port = Number((JSON.parse(line) as { port?: unknown }).port)
        clearTimeout(timer)
        resolve({ port, child, kill, recentOutput: () => [...recent] })
      }
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`server process exited (${code ?? signal}) before listening:\n${output}`))
    })
  })
}
