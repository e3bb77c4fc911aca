/**
 * The reference y-websocket server (v2's `setupWSConnection`, documents in memory) behind a
 * plain `ws` server, run as a child process of the bench.
 */
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import { docKindPrefix } from '../../shared/docNames'
import { envInt, serveChild } from './childHarness'

const require = createRequire(import.meta.url)
const { setupWSConnection } = require('y-websocket-v2/bin/utils') as {
  setupWSConnection: (conn: unknown, req: unknown) => void
}

const http = createServer((_req, res) => res.writeHead(404).end())
const wss = new WebSocketServer({ server: http, perMessageDeflate: false })
wss.on('connection', (conn, req) => setupWSConnection(conn, req))
http.listen(envInt('BENCH_PORT', 0), '127.0.0.1', () => {
  const { port } = http.address() as AddressInfo
  serveChild(
    { urlPrefix: `ws://127.0.0.1:${port}/`, dialect: 'y-websocket', docPrefix: docKindPrefix('sandbox') },
    async () => {
      for (const client of wss.clients) client.close(1001)
      await new Promise<void>((resolve) => http.close(() => resolve()))
    },
  )
})
