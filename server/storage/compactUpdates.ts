/**
 * Folding a document's stored updates into one. Shared by every storage adapter so they
 * compact identically.
 */
import * as Y from 'yjs'

/** Merges updates for `load`: cheap, keeps every struct as stored. */
export function mergeStoredUpdates(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array
  return Y.mergeUpdates(parts)
}

/**
 * Folds a compacted state and the log appended after it into one update for storage.
 *
 * The parts are first merged with `Y.mergeUpdates`, then applied to a garbage-collecting
 * `Y.Doc` and re-encoded: a poster's YKeyValue rewrites an entry on every edit, and only
 * a real document drops the content of deleted entries, so the compacted state stays close
 * to the size of what is visible instead of growing with the edit history. Updates whose
 * dependencies are missing stay pending in the document and are kept by the encoding.
 */
export function compactUpdates(parts: Uint8Array[]): Uint8Array {
  const merged = mergeStoredUpdates(parts)
  const doc = new Y.Doc({ gc: true })
  try {
    Y.applyUpdate(doc, merged)
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}
