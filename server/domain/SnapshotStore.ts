/**
 * Immutable copies of posters. A snapshot keeps the Yjs state (to restore from), the tldraw
 * records with their schema (to render and download as `.tldr`) and the extracted text (for
 * reports), taken by hand, when a round is locked and when a poster is presented.
 * There is deliberately no update path: a snapshot is evidence of what a group wrote.
 */
import type { JsonRecord, JsonValue } from '../../shared/docLayout'
import type { ExtractedNote } from '../../shared/extract'

/** Why a snapshot was taken. */
export type SnapshotReason = 'manual' | 'lock' | 'present' | 'import'

/** Every snapshot reason, for validation. */
export const SNAPSHOT_REASONS: readonly SnapshotReason[] = ['manual', 'lock', 'present', 'import']

/** The records of a poster in tldraw's file format (what a `.tldr` file holds). */
export interface TldrawFileJson {
  tldrawFileFormatVersion: number
  schema: JsonValue
  records: JsonRecord[]
}

/** A snapshot without its (large) state and records. */
export interface SnapshotSummary {
  id: string
  workshopId: string
  posterId: string
  roundId: string
  tableId: string
  reason: SnapshotReason
  /** ISO timestamp. */
  createdAt: string
  /** Number of texts (notes, labels) on the poster. */
  noteCount: number
  /** Size of the Yjs state in bytes. */
  stateBytes: number
}

/** A whole snapshot. */
export interface Snapshot extends SnapshotSummary {
  /** Yjs state (one update) of the poster document. */
  state: Uint8Array
  /** The poster's records. */
  document: TldrawFileJson
  /** The texts of the poster with their question, votes and authors. */
  text: ExtractedNote[]
}

/** Filters of `SnapshotStore.list`. */
export interface SnapshotFilter {
  workshopId: string
  roundId?: string
  tableId?: string
  posterId?: string
}

/** Durable, append-only storage of snapshots. */
export interface SnapshotStore {
  /** Creates tables. Idempotent. */
  init(): Promise<void>
  /** Stores a new snapshot; its id must be new. */
  insert(snapshot: Snapshot): Promise<void>
  /** Snapshots matching the filter, oldest first. */
  list(filter: SnapshotFilter): Promise<SnapshotSummary[]>
  /** One snapshot, or null. */
  get(id: string): Promise<Snapshot | null>
  /** Removes every snapshot of a workshop; returns how many were removed. */
  deleteWorkshop(workshopId: string): Promise<number>
  /** Releases the database. */
  close(): Promise<void>
}
