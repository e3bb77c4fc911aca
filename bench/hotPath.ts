/**
 * The server's hot path without sockets or load processes: one `Room` over SQLite in a temp
 * folder, one writer and `--clients − 1` readers whose sockets only count frames, fed
 * pre-encoded frames of note moves and cursor moves (what `npm run bench`'s clients send). It
 * prints the server time per frame received and per frame delivered, so a change to the relay,
 * the validator or the append can be measured in seconds, on a quiet or a busy machine alike
 * (run it with `node --cpu-prof --import tsx` for a profile of the path alone).
 *
 *   npx tsx bench/hotPath.ts [--notes 300] [--edits 4000] [--cursors 10000] [--clients 5]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { defaultConfig } from '../server/config'
import { SqliteDocumentStore } from '../server/storage/SqliteDocumentStore'
import { Room } from '../server/sync/Room'
import type { SyncSocket } from '../server/sync/types'
import { getRecordKV, writeRecord } from '../shared/docLayout'
import { MessageType } from '../shared/protocol'
import { movedRecord, noteRecord } from './lib/benchRecords'

const { values: args } = parseArgs({
  options: {
    notes: { type: 'string', default: '300' },
    edits: { type: 'string', default: '4000' },
    cursors: { type: 'string', default: '10000' },
    clients: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
  },
})

/** A socket that only counts what it is sent. */
class SinkSocket implements SyncSocket {
  readyState = 1
  bufferedAmount = 0
  frames = 0
  send(): void {
    this.frames++
  }
  close(): void {
    this.readyState = 3
  }
}

const access = { role: 'sandbox' as const, canWrite: () => true }

function frameOf(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/** The frames a client sends to fill a poster, then to move its note and its cursor. */
function clientFrames(notes: number, edits: number, cursors: number) {
  const doc = new Y.Doc()
  const fill: Uint8Array[] = []
  const moves: Uint8Array[] = []
  let into = fill
  doc.on('update', (update: Uint8Array) => {
    into.push(frameOf(MessageType.Sync, (e) => syncProtocol.writeUpdate(e, update)))
  })
  const kv = getRecordKV(doc)
  for (let i = 0; i < notes; i += 25) {
    doc.transact(() => {
      for (let n = i; n < Math.min(notes, i + 25); n++)
        writeRecord(kv, noteRecord(`fill${n}`, n + 20, `note ${n}`))
    })
  }
  let note = noteRecord('mine', 1, 'my note')
  doc.transact(() => writeRecord(kv, note))
  into = moves
  for (let i = 0; i < edits; i++) {
    const next = movedRecord(note, 100 + (i % 500), 200 + (i % 3), { bench: { t: i, s: i, c: 0 } })
    doc.transact(() => writeRecord(kv, next, note))
    note = next
  }
  const awareness = new awarenessProtocol.Awareness(doc)
  const cursorFrames: Uint8Array[] = []
  awareness.on('update', ({ updated, added }: { updated: number[]; added: number[] }) => {
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [...added, ...updated])
    cursorFrames.push(frameOf(MessageType.Awareness, (e) => encoding.writeVarUint8Array(e, update)))
  })
  for (let i = 0; i < cursors; i++)
    awareness.setLocalStateField('cursor', { x: i % 2000, y: i % 1500, t: i, s: i, c: 0 })
  awareness.destroy()
  return { fill, moves, cursorFrames }
}

const notes = Number(args.notes)
const { fill, moves, cursorFrames } = clientFrames(notes, Number(args.edits), Number(args.cursors))
const dir = mkdtempSync(join(tmpdir(), 'plenum-hotpath-'))
const store = new SqliteDocumentStore(dir)
await store.init()
const room = await Room.load({
  name: 's-hotpath',
  store,
  // The throttle would hold back cursors sent faster than a client does, and compaction (every
  // 500 appends: once a minute per room at `npm run bench` rates) would dominate a few seconds
  // of frames; neither is measured here.
  limits: { ...defaultConfig, awarenessHz: 1e9, maxAwarenessPerSecond: 1e9, compactAfterUpdates: 1e9 },
  logger: { debug() {}, info() {}, warn: console.warn, error: console.error },
})
const sockets = Array.from({ length: Number(args.clients) }, () => new SinkSocket())
const conns = sockets.map((s) => room.join(s, access))
const writer = conns[0]
for (const frame of fill) room.receive(writer, frame)
await room.flush()

/** Feeds frames in bursts of `burst` (frames one event-loop turn reads), waiting for the relay. */
async function feed(
  frames: Uint8Array[],
  burst: number,
): Promise<{ usPerFrame: number; usPerDelivery: number }> {
  const before = sockets.reduce((n, s) => n + s.frames, 0)
  const cpu = process.cpuUsage()
  for (let i = 0; i < frames.length; i += burst) {
    for (let j = i; j < Math.min(frames.length, i + burst); j++) room.receive(writer, frames[j])
    await new Promise((resolve) => setImmediate(resolve))
  }
  await room.flush()
  const used = process.cpuUsage(cpu)
  const us = used.user + used.system
  const delivered = sockets.reduce((n, s) => n + s.frames, 0) - before
  return { usPerFrame: us / frames.length, usPerDelivery: us / Math.max(1, delivered) }
}

const rounds = Number(args.rounds)
const third = Math.floor(moves.length / rounds)
const cursorThird = Math.floor(cursorFrames.length / rounds)
for (let r = 0; r < rounds; r++) {
  const edit = await feed(moves.slice(r * third, (r + 1) * third), 1)
  const cursor = await feed(cursorFrames.slice(r * cursorThird, (r + 1) * cursorThird), 1)
  console.log(
    `round ${r + 1}: ${notes} notes, edit ${edit.usPerFrame.toFixed(1)} µs/frame ` +
      `(${edit.usPerDelivery.toFixed(1)} µs/delivery), cursor ${cursor.usPerFrame.toFixed(1)} µs/frame ` +
      `(${cursor.usPerDelivery.toFixed(1)} µs/delivery)`,
  )
}
room.destroy()
await store.close?.()
rmSync(dir, { recursive: true, force: true })
