/**
 * Entry point: reads the configuration from the environment, starts the server, prints the
 * addresses to open (the LAN one for phones and laptops at the tables), and shuts down
 * gracefully on SIGTERM / SIGINT: stop accepting, flush storage, close sockets with the
 * "restarting" code so clients reconnect to the next process.
 */
import { networkInterfaces } from 'node:os'
import { pathToFileURL } from 'node:url'
import { createServer, type PlenumServer, type ServerOverrides } from './app'
import { type Config, readConfig } from './config'
import { createLogger } from './logger'

/** The non-internal IPv4 addresses of this machine. */
export function lanAddresses(): string[] {
  const out: string[] = []
  for (const list of Object.values(networkInterfaces())) {
    for (const addr of list ?? []) if (addr.family === 'IPv4' && !addr.internal) out.push(addr.address)
  }
  return out
}

/** The URLs people should open, local first. */
export function urlsToOpen(config: Pick<Config, 'host' | 'publicUrl'>, port: number): string[] {
  const urls: string[] = []
  if (config.publicUrl) urls.push(config.publicUrl)
  const anyHost = config.host === '0.0.0.0' || config.host === '::'
  urls.push(`http://${anyHost ? 'localhost' : config.host}:${port}`)
  if (anyHost) for (const ip of lanAddresses()) urls.push(`http://${ip}:${port}`)
  return urls
}

/** Starts a server from the environment and wires signals; resolves once it listens. */
export async function main(overrides: ServerOverrides = {}): Promise<PlenumServer> {
  const config = readConfig()
  const logger = overrides.logger ?? createLogger(config.logLevel)
  const server = await createServer(config, { ...overrides, logger })
  const { port } = await server.listen()
  const urls = urlsToOpen(config, port)
  logger.info('plenum is running', {
    port,
    urls,
    storage: config.databaseUrl ? 'postgresql' : 'sqlite',
    sandbox: config.allowSandbox,
    createKey: config.createKey !== null,
  })
  if (config.logLevel !== 'silent') {
    process.stderr.write(`\nPlenum is running. Open:\n${urls.map((u) => `  ${u}`).join('\n')}\n\n`)
  }
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info('shutting down', { signal })
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting')
      process.exit(1)
    }, 15_000)
    force.unref()
    server
      .close()
      .then(() => {
        logger.info('stopped')
        process.exit(0)
      })
      .catch((err) => {
        logger.error('shutdown failed', { error: String(err) })
        process.exit(1)
      })
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
  return server
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    process.stderr.write(`Plenum could not start: ${err instanceof Error ? err.message : String(err)}\n`)
    process.exit(1)
  })
}
