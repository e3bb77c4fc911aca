/**
 * Test doubles for the poster binding: Y.Docs linked in memory (like clients of one server
 * room, with a switch to cut the link) and well-formed tldraw note records.
 */
import { createTLStore, type TLRecord, type TLShapeId, type TLStore, toRichText } from 'tldraw'
import * as Y from 'yjs'
import { seedDocument } from '../../../shared/docLayout'
import { blankPosterRecords, POSTER_PAGE_ID, serializedPosterSchema } from '../../../shared/posterSchema'

const REMOTE = 'memory-link'

/** Two or more Y.Docs relaying updates to each other while online. */
export class MemoryLink {
  readonly docs: Y.Doc[] = []
  private online = true
  private readonly queued: Array<{ from: Y.Doc; update: Uint8Array }> = []
  /** Bytes of every update each doc sent, in order. */
  readonly sent = new Map<Y.Doc, number[]>()

  /** Adds a doc, catching it up with the others first. */
  add(doc: Y.Doc): Y.Doc {
    for (const other of this.docs) {
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), REMOTE)
      Y.applyUpdate(other, Y.encodeStateAsUpdate(doc), REMOTE)
    }
    this.docs.push(doc)
    this.sent.set(doc, [])
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return
      this.sent.get(doc)!.push(update.byteLength)
      if (this.online) this.relay(doc, update)
      else this.queued.push({ from: doc, update })
    })
    return doc
  }

  /** Stops relaying; updates queue up as they would in each client while offline. */
  disconnect(): void {
    this.online = false
  }

  /** Relays everything queued while offline and resumes relaying. */
  reconnect(): void {
    this.online = true
    for (const { from, update } of this.queued.splice(0)) this.relay(from, update)
  }

  private relay(from: Y.Doc, update: Uint8Array): void {
    for (const doc of this.docs) if (doc !== from) Y.applyUpdate(doc, update, REMOTE)
  }
}

/** A Y.Doc seeded as the server seeds a blank poster. */
export function seededDoc(clientID?: number): Y.Doc {
  const doc = new Y.Doc()
  // A fixed client id makes encoded sizes comparable between runs: a random one takes 1–5 bytes.
  if (clientID !== undefined) doc.clientID = clientID
  seedDocument(doc, blankPosterRecords(), serializedPosterSchema())
  return doc
}

/** A tldraw store with the default shapes, as the poster page creates it. */
export function newStore(): TLStore {
  return createTLStore()
}

/** A valid sticky note on the poster page. */
export function noteRecord(id: string, text: string, x = 0, y = 0): TLRecord {
  return {
    id: `shape:${id}` as TLShapeId,
    typeName: 'shape',
    type: 'note',
    x,
    y,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
    parentId: POSTER_PAGE_ID as never,
    index: 'a1' as never,
    props: {
      color: 'yellow',
      labelColor: 'black',
      size: 'm',
      font: 'draw',
      fontSizeAdjustment: null,
      align: 'middle',
      verticalAlign: 'middle',
      growY: 0,
      url: '',
      richText: toRichText(text),
      scale: 1,
      textLastEditedBy: null,
    },
  } as TLRecord
}

/** The plain text of a note in a store, or null when it is not there. */
export function noteText(store: TLStore, id: string): string | null {
  const shape = store.get(`shape:${id}` as TLShapeId) as { props: { richText: unknown } } | undefined
  if (!shape) return null
  const collect = (node: unknown): string => {
    if (!node || typeof node !== 'object') return ''
    const n = node as { text?: string; content?: unknown[] }
    return (n.text ?? '') + (n.content ?? []).map(collect).join('')
  }
  return collect(shape.props.richText)
}

/** Changes a shape in a store as a local user edit would. */
export function editShape(store: TLStore, id: string, change: (shape: never) => object): void {
  const shape = store.get(`shape:${id}` as TLShapeId)
  if (!shape) throw new Error(`no shape ${id}`)
  store.put([{ ...shape, ...change(shape as never) } as TLRecord])
}
