/**
 * Reading what a Yjs update would change in a document without applying it. The sync core uses
 * this to skip no-op updates (a reconnecting client's sync step 2 usually brings nothing new)
 * and to tell read-only clients apart from read-only clients that actually tried to write.
 */
import * as Y from 'yjs'

/** A decoded update as returned by `Y.decodeUpdate`. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>

/** Calls `visit` for every struct of `doc` in the deleted ranges of `ds` that the doc knows. */
export function forEachKnownDeletedStruct(
  doc: Y.Doc,
  ds: DecodedUpdate['ds'],
  visit: (struct: Y.Item | Y.GC, from: number, to: number) => boolean | undefined,
): { unknownDeletes: boolean } {
  let unknownDeletes = false
  for (const [client, ranges] of ds.clients) {
    const state = Y.getState(doc.store, client)
    for (const range of ranges) {
      const rangeEnd = range.clock + range.len
      if (rangeEnd > state) unknownDeletes = true
      let clock = range.clock
      const end = Math.min(rangeEnd, state)
      while (clock < end) {
        const struct = Y.getItem(doc.store, Y.createID(client, clock)) as Y.Item | Y.GC
        const from = Math.max(range.clock, struct.id.clock) - struct.id.clock
        const to = Math.min(rangeEnd, struct.id.clock + struct.length) - struct.id.clock
        if (visit(struct, from, to) === true) return { unknownDeletes }
        clock = struct.id.clock + struct.length
      }
    }
  }
  return { unknownDeletes }
}

/** True when applying `update` would add structs to `doc` or delete something it still holds. */
export function updateAddsContent(doc: Y.Doc, update: Uint8Array | DecodedUpdate): boolean {
  const decoded = update instanceof Uint8Array ? Y.decodeUpdate(update) : update
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return true
  }
  let deletesLive = false
  const { unknownDeletes } = forEachKnownDeletedStruct(doc, decoded.ds, (struct) => {
    if (struct instanceof Y.Item && !struct.deleted) {
      deletesLive = true
      return true
    }
    return undefined
  })
  return deletesLive || unknownDeletes
}
