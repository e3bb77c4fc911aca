/**
 * Adapts a `ws` socket to the sync core's `SyncSocket`, writing every frame a connection is
 * sent within one event-loop turn with one system call.
 *
 * `ws` writes each message with its own `writev`. One incoming edit or cursor goes out to every
 * other client of the room, and the frames several clients send in the same turn reach the
 * same sockets; on a busy server the write calls are a large share of its CPU. The first frame
 * of a turn corks the TCP socket, and one `setImmediate` (after every socket read of the turn
 * has been handled) uncorks all corked sockets: their frames leave together, within the same
 * turn, so nothing waits for a timer. Frames, their order and their boundaries are unchanged.
 */
import type { Duplex } from 'node:stream'
import type { WebSocket } from 'ws'
import type { SyncSocket } from '../sync/types'

/** Sockets corked in the current turn. */
const corked = new Set<Duplex>()
let scheduled = false

function uncorkAll(): void {
  scheduled = false
  for (const socket of corked) socket.uncork()
  corked.clear()
}

function cork(socket: Duplex): void {
  if (corked.has(socket)) return
  socket.cork()
  corked.add(socket)
  if (!scheduled) {
    scheduled = true
    setImmediate(uncorkAll)
  }
}

/** The sync core's socket over a `ws` WebSocket, coalescing a turn's frames per connection. */
export function coalescedSocketOf(ws: WebSocket): SyncSocket {
  // `ws` keeps its TCP socket in `_socket`; without one (another implementation), frames are
  // simply written one by one.
  const raw = (ws as unknown as { _socket?: Duplex })._socket
  return {
    send: (data) => {
      if (raw && !raw.destroyed) cork(raw)
      ws.send(data)
    },
    close: (code, reason) => ws.close(code, reason),
    get readyState() {
      return ws.readyState
    },
    get bufferedAmount() {
      return ws.bufferedAmount
    },
  }
}
