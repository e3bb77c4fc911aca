/**
 * The WebSocket endpoint `GET /sync/:docName?token=…`: the thin Hono route around the sync
 * core (which knows no framework).
 * It checks the document name, the per-address connection limit and access before the
 * upgrade, then adapts the `ws` socket to `SyncSocket` and hands it to the room registry.
 * Refusals still complete the upgrade and close with a named code, so clients can read it.
 */
import { upgradeWebSocket } from '@hono/node-server'
import { Hono } from 'hono'
import type { WebSocket } from 'ws'
import { CloseCode, type CloseCodeValue, CloseReason } from '../../shared/closeCodes'
import { parseDocName } from '../../shared/docNames'
import { QuotaError } from '../sandbox/SandboxQuota'
import type { Services } from '../services'
import type { ConnectionHandle } from '../sync/RoomRegistry'
import { closeCodeOf } from '../sync/SyncError'
import type { Access } from '../sync/types'
import { clientAddress } from './clientAddress'
import { coalescedSocketOf } from './coalescedSocket'

/** After this long, a connection slot taken for an upgrade that never completed is returned. */
const UPGRADE_TIMEOUT_MS = 30_000

/** Counts open connections per client address. */
export class AddressCounter {
  private readonly counts = new Map<string, number>()
  /** Open connections from `address`. */
  get(address: string): number {
    return this.counts.get(address) ?? 0
  }
  add(address: string): void {
    this.counts.set(address, this.get(address) + 1)
  }
  remove(address: string): void {
    const n = this.get(address) - 1
    if (n > 0) this.counts.set(address, n)
    else this.counts.delete(address)
  }
}

/** The bytes of a binary ws message (a Buffer unless the socket was told otherwise). */
function bytesOf(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data)
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data
}

/** The sync endpoint, mounted at `/sync`. */
export function syncRoute(ctx: Services): Hono {
  const app = new Hono()
  const perAddress = new AddressCounter()
  app.get(
    '/:docName',
    upgradeWebSocket(async (c) => {
      const docName = c.req.param('docName') ?? ''
      const token = c.req.query('token') ?? null
      const address = clientAddress(c, ctx.resolveAddress)
      const log = ctx.logger.child({ doc: docName, address })
      let refusal: CloseCodeValue | null = null
      let access: Access | null = null
      // The slot is taken before authorising, so a burst of concurrent attempts cannot pass
      // the limit together; it is given back on refusal, on close, or if the upgrade never
      // completes.
      let counted = false
      const release = () => {
        if (counted) perAddress.remove(address)
        counted = false
      }
      const parsed = parseDocName(docName)
      if (!parsed) {
        refusal = CloseCode.NotFound
      } else if (perAddress.get(address) >= ctx.config.maxConnectionsPerIp) {
        refusal = CloseCode.TooManyConnections
      } else {
        perAddress.add(address)
        counted = true
        try {
          access = await ctx.rooms.authorize(docName, token)
          // Anonymous posters count against the sandbox quotas before they are created.
          if (access.role === 'sandbox') await ctx.sandboxQuota.admitPoster(address, docName)
        } catch (err) {
          if (err instanceof QuotaError) {
            access = null
            log.info('sandbox quota reached', { reason: err.message })
          }
          release()
          refusal =
            err instanceof QuotaError
              ? CloseCode.QuotaExceeded
              : ((closeCodeOf(err) as CloseCodeValue | null) ?? CloseCode.Forbidden)
          if (closeCodeOf(err) === null && !(err instanceof QuotaError))
            log.error('authorize failed', { error: String(err) })
        }
      }
      let opened = false
      const abandoned = setTimeout(() => {
        if (!opened) release()
      }, UPGRADE_TIMEOUT_MS)
      abandoned.unref()
      let handle: ConnectionHandle | null = null
      return {
        onOpen(_event, ws) {
          opened = true
          clearTimeout(abandoned)
          if (refusal !== null || !access) {
            const code = refusal ?? CloseCode.Forbidden
            release()
            log.info('connection refused', { code })
            ctx.metrics.closedWith(code)
            ws.close(code, CloseReason[code])
            return
          }
          log.debug('connection opened', { role: access.role })
          const raw = ws.raw as WebSocket
          const conn = ctx.rooms.connect(docName, coalescedSocketOf(raw), access)
          handle = conn
          // Frames are read from the ws socket directly rather than through the adapter's
          // onMessage, which wraps every frame in a MessageEvent around a copy of its bytes.
          // Listening here, in onOpen, misses nothing: nothing is read between the upgrade and
          // this call (the adapter runs both in one go).
          raw.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
            if (handle !== conn) return
            if (!isBinary) {
              ctx.metrics.closedWith(CloseCode.MalformedMessage)
              raw.close(CloseCode.MalformedMessage, CloseReason[CloseCode.MalformedMessage])
              return
            }
            conn.receive(bytesOf(data))
          })
        },
        onClose(event) {
          handle?.closed()
          handle = null
          release()
          log.debug('connection closed', { code: event.code })
        },
        onError(event) {
          log.warn('socket error', { error: String((event as ErrorEvent).error ?? event.type) })
        },
      }
    }),
  )
  return app
}
