/**
 * Hocuspocus with documents in memory (its stock `Server`), run as a child process of the
 * bench. With `BENCH_REDIS_URL` set it fans out through `@hocuspocus/extension-redis`.
 */
import { Redis } from '@hocuspocus/extension-redis'
import { Server } from '@hocuspocus/server'
import { docKindPrefix } from '../../shared/docNames'
import { envInt, serveChild } from './childHarness'

const redisUrl = process.env.BENCH_REDIS_URL
const extensions = redisUrl ? [new Redis({ ...redisOptions(redisUrl) })] : []
const server = new Server({
  port: envInt('BENCH_PORT', 0),
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: false,
  extensions,
})
await server.listen()
serveChild(
  {
    urlPrefix: `ws://127.0.0.1:${server.address.port}`,
    dialect: 'hocuspocus',
    docPrefix: docKindPrefix('sandbox'),
  },
  () => server.destroy(),
)

function redisOptions(url: string): { host: string; port: number } {
  const parsed = new URL(url)
  return { host: parsed.hostname, port: Number(parsed.port || 6379) }
}
