/**
 * A throw-away PostgreSQL server for tests: a new cluster in a temp folder, listening on a
 * free loopback port, never the machine's own service. As root it runs as the `postgres`
 * user, because `initdb` refuses to run as root.
 */
import { execFile, execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { freePort } from './freePort.js'

const run = promisify(execFile)

/** A running test PostgreSQL. */
export interface TestPostgres {
  /** Connection URL of a fresh database on the server. */
  url: string
  /** Creates another empty database on the same server and returns its URL. */
  createDatabase(name: string): Promise<string>
  /** Stops the server and removes its folder. */
  stop(): Promise<void>
}

/** The folder holding `initdb` and `pg_ctl`, or null when PostgreSQL is not installed. */
export function findPostgresBinaries(): string | null {
  const candidates: string[] = []
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN)
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: 'pipe' }).trim())
  } catch {
    // pg_config is optional; fall through to the well-known folders.
  }
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))
    for (const v of versions) candidates.push(`/usr/lib/postgresql/${v}/bin`)
  }
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir) candidates.push(dir)
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) ?? null
}

/** uid/gid to run the server as: the `postgres` user when we are root, else ourselves. */
function serverUser(): { uid: number; gid: number } | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
    return { uid, gid }
  } catch {
    throw new Error('running as root needs a "postgres" system user to run initdb as')
  }
}

/** Starts PostgreSQL with a database named `plenum`; call `stop()` when done. */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = findPostgresBinaries()
  if (!bin) throw new Error('PostgreSQL binaries (initdb, pg_ctl) not found; install postgresql')
  const user = serverUser()
  const root = mkdtempSync(join(tmpdir(), 'plenum-pg-'))
  if (user) chownSync(root, user.uid, user.gid)
  const dataDir = join(root, 'data')
  const logFile = join(root, 'server.log')
  const as = { ...(user ?? {}), cwd: root, env: { ...process.env, HOME: root, LC_ALL: 'C' } }

  const stopSync = () => {
    try {
      execFileSync(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop'], {
        ...as,
        stdio: 'ignore',
      })
    } catch {
      // Already stopped.
    }
    rmSync(root, { recursive: true, force: true })
  }
  // A test run that dies must not leave a postmaster behind.
  process.once('exit', stopSync)

  let port = 0
  try {
    await run(
      join(bin, 'initdb'),
      ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8'],
      as,
    )
    // The free port is released before PostgreSQL binds it, so another process may take it in
    // between (test runs share machines): then try another one.
    for (let attempt = 1; ; attempt++) {
      port = await freePort()
      const options = [
        `-p ${port}`,
        `-k ${root}`,
        '-c listen_addresses=127.0.0.1',
        '-c fsync=off',
        '-c full_page_writes=off',
        '-c max_connections=200',
        '-c shared_buffers=32MB',
      ].join(' ')
      try {
        await run(join(bin, 'pg_ctl'), ['-D', dataDir, '-l', logFile, '-o', options, '-w', 'start'], as)
        break
      } catch (error) {
        const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''
        if (attempt < 3 && /could not bind|already in use/i.test(log)) continue
        throw new Error(
          `PostgreSQL did not start on port ${port}: ${(error as Error).message}\n${log.slice(-2000)}`,
        )
      }
    }
  } catch (error) {
    stopSync()
    process.removeListener('exit', stopSync)
    throw error
  }

  const base = `postgres://postgres@127.0.0.1:${port}`
  const createDatabase = async (name: string): Promise<string> => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name "${name}"`)
    const client = new pg.Client({ connectionString: `${base}/postgres` })
    await client.connect()
    try {
      await client.query(`CREATE DATABASE ${name}`)
    } finally {
      await client.end()
    }
    return `${base}/${name}`
  }

  return {
    url: await createDatabase('plenum'),
    createDatabase,
    async stop() {
      process.removeListener('exit', stopSync)
      await run(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', 'stop'], as).catch(() => undefined)
      rmSync(root, { recursive: true, force: true })
    },
  }
}
