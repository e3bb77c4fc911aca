/**
 * Generators of hostile y-websocket frames for the protocol fuzz test: random bytes, truncated
 * varints, unknown message types, huge length prefixes, valid frames carrying broken Yjs
 * updates and valid updates carrying records the tldraw schema rejects. Deterministic for a
 * given seed so a failure can be replayed.
 */
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { getRecordKV, type JsonRecord, writeRecord } from '../../shared/docLayout'
import { MessageType, SyncMessageType } from '../../shared/protocol'
import { testNote } from '../testing/testNote'

/** The kinds of frames generated. */
export const FRAME_KINDS = [
  'randomBytes',
  'truncatedVarint',
  'unknownMessageType',
  'unknownSyncType',
  'hugeLengthPrefix',
  'truncatedFrame',
  'brokenUpdate',
  'brokenStateVector',
  'brokenAwareness',
  'invalidRecord',
  'foreignContent',
] as const

/** One kind of hostile frame. */
export type FrameKind = (typeof FRAME_KINDS)[number]

/** Kinds that are well-formed frames and updates, refused only for what the update would write. */
export const SEMANTIC_KINDS: readonly FrameKind[] = ['invalidRecord', 'foreignContent']

/** A small seeded PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Produces hostile frames of every kind from one seed. */
export class MalformedFrames {
  private readonly random: () => number
  private readonly validUpdates: Uint8Array[]
  // Building a Yjs update costs about a millisecond; a pool keeps generation cheaper than sending.
  private readonly invalidRecordUpdates: Uint8Array[]
  private readonly foreignContentUpdates: Uint8Array[]

  constructor(seed: number, poolSize = 48) {
    this.random = seededRandom(seed)
    this.validUpdates = Array.from({ length: 8 }, (_, i) =>
      noteUpdate(testNote(`fz${seed}_${i}`, i, `note ${i}`)),
    )
    this.invalidRecordUpdates = Array.from({ length: poolSize }, () => this.invalidRecordUpdate())
    this.foreignContentUpdates = Array.from({ length: poolSize }, () => this.foreignContentUpdate())
  }

  /** The next frame, of a kind picked at random (from `kinds`); returns the kind with it. */
  next(kinds: readonly FrameKind[] = FRAME_KINDS): { kind: FrameKind; frame: Uint8Array } {
    const kind = this.pick(kinds)
    return { kind, frame: this.frame(kind) }
  }

  /** A frame of the given kind. */
  frame(kind: FrameKind): Uint8Array {
    switch (kind) {
      case 'randomBytes':
        return this.bytes(this.int(0, this.random() < 0.05 ? 4096 : 64))
      case 'truncatedVarint':
        // Continuation bits set on every byte: the varint never ends.
        return Uint8Array.from({ length: this.int(1, 12) }, () => 0x80 | this.int(0, 127))
      case 'unknownMessageType':
        return frameOf((enc) => {
          encoding.writeVarUint(enc, this.int(4, 1 << 20))
          encoding.writeUint8Array(enc, this.bytes(this.int(0, 16)))
        })
      case 'unknownSyncType':
        return frameOf((enc) => {
          encoding.writeVarUint(enc, MessageType.Sync)
          encoding.writeVarUint(enc, this.int(3, 1000))
          encoding.writeVarUint8Array(enc, this.bytes(this.int(0, 16)))
        })
      case 'hugeLengthPrefix':
        return frameOf((enc) => {
          const type = this.random() < 0.5 ? MessageType.Sync : MessageType.Awareness
          encoding.writeVarUint(enc, type)
          if (type === MessageType.Sync) encoding.writeVarUint(enc, SyncMessageType.Update)
          encoding.writeVarUint(enc, this.int(2 ** 24, 2 ** 31))
          encoding.writeUint8Array(enc, this.bytes(this.int(0, 32)))
        })
      case 'truncatedFrame': {
        const whole = syncFrame(SyncMessageType.Update, this.pick(this.validUpdates))
        return whole.slice(0, this.int(1, whole.length - 1))
      }
      case 'brokenUpdate':
        return syncFrame(
          this.random() < 0.5 ? SyncMessageType.Update : SyncMessageType.Step2,
          this.random() < 0.5 ? this.flipBits(this.pick(this.validUpdates)) : this.bytes(this.int(1, 64)),
        )
      case 'brokenStateVector':
        return syncFrame(SyncMessageType.Step1, Uint8Array.from([0x85, ...this.bytes(this.int(0, 8))]))
      case 'brokenAwareness':
        return frameOf((enc) => {
          encoding.writeVarUint(enc, MessageType.Awareness)
          const inner = encoding.createEncoder()
          encoding.writeVarUint(inner, 1)
          encoding.writeVarUint(inner, this.int(1, 2 ** 30))
          encoding.writeVarUint(inner, this.int(0, 100))
          encoding.writeVarString(inner, this.random() < 0.5 ? '{"cursor":' : 'not json')
          encoding.writeVarUint8Array(enc, encoding.toUint8Array(inner))
        })
      case 'invalidRecord':
        return syncFrame(SyncMessageType.Update, this.pick(this.invalidRecordUpdates))
      case 'foreignContent':
        return syncFrame(SyncMessageType.Update, this.pick(this.foreignContentUpdates))
    }
  }

  /** A well-formed Yjs update whose record fails the tldraw schema. */
  private invalidRecordUpdate(): Uint8Array {
    const note = testNote(`bad${this.int(0, 1e9)}`, this.int(0, 50), 'bad')
    const variants: Array<() => JsonRecord> = [
      () => ({ ...note, x: 'left' as never }),
      () => ({ ...note, props: { ...(note.props as object), color: 'ultraviolet' } }),
      () => ({ ...note, typeName: 'spaceship' }),
      () => ({ ...note, parentId: 42 as never }),
      () => ({ ...note, props: { ...(note.props as object), richText: 'plain' } }),
      () => ({ id: note.id, typeName: 'shape' }),
      () => ({ ...note, opacity: Number.NaN }),
    ]
    return noteUpdate(this.pick(variants)())
  }

  /** A well-formed Yjs update that puts content the poster layout does not allow. */
  private foreignContentUpdate(): Uint8Array {
    const doc = new Y.Doc()
    const variants: Array<() => void> = [
      () => doc.getText('evil').insert(0, 'x'.repeat(this.int(1, 200))),
      () => doc.getArray('records').push([new Y.Map()]),
      () => doc.getArray('records').push([{ key: 'no-slash', val: 1 }]),
      () => doc.getArray('records').push(['just a string']),
      () => doc.getMap('meta').set('schema', new Y.Text('nested')),
    ]
    this.pick(variants)()
    const update = Y.encodeStateAsUpdate(doc)
    doc.destroy()
    return update
  }

  private flipBits(source: Uint8Array): Uint8Array {
    const out = source.slice()
    const flips = this.int(1, 6)
    for (let i = 0; i < flips; i++) out[this.int(0, out.length - 1)] ^= 1 << this.int(0, 7)
    return out
  }

  private bytes(length: number): Uint8Array {
    return Uint8Array.from({ length }, () => this.int(0, 255))
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1))
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]
  }
}

/** A Yjs update that writes one record, as a client's `writeRecord` would, from a fresh replica. */
export function noteUpdate(record: JsonRecord): Uint8Array {
  const doc = new Y.Doc()
  doc.transact(() => writeRecord(getRecordKV(doc), record))
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}

function frameOf(write: (enc: encoding.Encoder) => void): Uint8Array {
  const enc = encoding.createEncoder()
  write(enc)
  return encoding.toUint8Array(enc)
}

function syncFrame(syncType: number, payload: Uint8Array): Uint8Array {
  return frameOf((enc) => {
    encoding.writeVarUint(enc, MessageType.Sync)
    encoding.writeVarUint(enc, syncType)
    encoding.writeVarUint8Array(enc, payload)
  })
}
