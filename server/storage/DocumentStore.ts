/**
 * Storage of Yjs documents and uploaded assets. Every adapter (SQLite, PostgreSQL) implements
 * this and must pass `documentStoreContract.ts`.
 *
 * A document is an append-only log of Yjs updates plus at most one compacted state. `load`
 * returns the merge of both; `compact` folds the log into the state without losing an update
 * appended concurrently (by this process or another instance).
 */

/** An uploaded file (image) referenced from a poster by URL. */
export interface StoredAsset {
  /** MIME type as uploaded, e.g. image/png. */
  contentType: string
  /** The bytes. */
  data: Uint8Array
}

/** Durable storage of documents and assets. */
export interface DocumentStore {
  /** Creates tables / runs migrations. Idempotent. */
  init(): Promise<void>
  /** The merged state of a document (one Yjs update), or null when it has never been written. */
  load(docName: string): Promise<Uint8Array | null>
  /** Appends one update. Resolves only once the update is durable. */
  append(docName: string, update: Uint8Array): Promise<void>
  /** Number of updates in the log since the last compaction. */
  pendingUpdates(docName: string): Promise<number>
  /** Folds the update log into the compacted state. Safe to run concurrently with `append`. */
  compact(docName: string): Promise<void>
  /** When the compacted state was last written (ms since the epoch), or null when there is none. */
  compactedAt(docName: string): Promise<number | null>
  /** Removes a document, its log and its state. */
  delete(docName: string): Promise<void>
  /** Names of all stored documents starting with `prefix`. */
  list(prefix: string): Promise<string[]>
  /** Stores an asset under a key; keys are unique (callers generate them). */
  putAsset(key: string, asset: StoredAsset): Promise<void>
  /** Reads an asset, or null. */
  getAsset(key: string): Promise<StoredAsset | null>
  /** Deletes every asset whose key starts with `prefix`. */
  deleteAssets(prefix: string): Promise<void>
  /** True when the backing database answers. */
  ping(): Promise<boolean>
  /** Closes connections; pending appends are completed first. */
  close(): Promise<void>
}
