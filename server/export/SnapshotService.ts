/**
 * Taking and restoring snapshots. A snapshot is read from durable storage and stored
 * immutably; restoring never touches the live poster it came from: it writes a new document,
 * either as the starting poster of a table in a round that has not started, or as a
 * standalone sandbox poster.
 */
import { randomBytes } from 'node:crypto'
import { posterDocName, sandboxDocName } from '../../shared/docNames'
import type { Poster } from '../domain/entities'
import type { Snapshot, SnapshotReason, SnapshotStore } from '../domain/SnapshotStore'
import { newId } from '../domain/secrets'
import type { WorkshopStore } from '../domain/WorkshopStore'
import type { DocumentStore } from '../storage/DocumentStore'
import { readPosterContent, stateFromFile, type VoteReader } from './posterContent'

/** Thrown when a snapshot cannot be taken or restored; `status` is the HTTP status to answer. */
export class SnapshotError extends Error {
  override name = 'SnapshotError'
  constructor(
    message: string,
    readonly status: 400 | 404 | 409,
  ) {
    super(message)
  }
}

/** Where a restored copy goes. */
export type RestoreTarget = { kind: 'poster'; roundId: string; tableId: string } | { kind: 'standalone' }

/** Result of a restore. */
export interface RestoreResult {
  /** Document name of the new poster (`p-…` or `s-…`). */
  docName: string
  /** New poster id, when restored into a round. */
  posterId: string | null
}

/** What the service needs. */
export interface SnapshotServiceDeps {
  snapshots: SnapshotStore
  workshops: WorkshopStore
  documents: DocumentStore
  /** Whether sandbox posters exist on this server (standalone copies are sandboxes). */
  allowSandbox: boolean
  /** Where votes are read from. */
  votes: VoteReader
  /** Seeded state of a poster that storage does not hold yet (nobody opened it). */
  initialState?: (posterId: string) => Promise<Uint8Array | null>
  /** Clock, for tests. */
  now?: () => Date
}

/** Takes, lists and restores snapshots. */
export class SnapshotService {
  constructor(private readonly deps: SnapshotServiceDeps) {}

  /** Takes a snapshot of a poster as it is in storage now. */
  async takeSnapshot(posterId: string, reason: SnapshotReason): Promise<Snapshot> {
    const poster = await this.deps.workshops.getPoster(posterId)
    if (!poster) throw new SnapshotError(`poster "${posterId}" does not exist`, 404)
    return this.snapshotOf(poster, reason)
  }

  /** Takes a snapshot of every poster of a round (at lock), one per table. */
  async takeRoundSnapshots(roundId: string, reason: SnapshotReason): Promise<Snapshot[]> {
    const round = await this.deps.workshops.getRound(roundId)
    if (!round) throw new SnapshotError(`round "${roundId}" does not exist`, 404)
    const aggregate = await this.deps.workshops.getAggregate(round.workshopId)
    const posters = aggregate?.posters.filter((p) => p.roundId === roundId) ?? []
    const out: Snapshot[] = []
    for (const poster of posters) out.push(await this.snapshotOf(poster, reason))
    return out
  }

  private async snapshotOf(poster: Poster, reason: SnapshotReason): Promise<Snapshot> {
    const { documents, snapshots } = this.deps
    const votes = await this.deps.votes(poster.workshopId, poster.id)
    const initial = this.deps.initialState
    const content = await readPosterContent(
      documents,
      posterDocName(poster.id),
      votes,
      initial ? () => initial(poster.id) : undefined,
    )
    const snapshot: Snapshot = {
      id: newId(),
      workshopId: poster.workshopId,
      posterId: poster.id,
      roundId: poster.roundId,
      tableId: poster.tableId,
      reason,
      createdAt: (this.deps.now?.() ?? new Date()).toISOString(),
      noteCount: content.text.length,
      stateBytes: content.state.byteLength,
      ...content,
    }
    await snapshots.insert(snapshot)
    return snapshot
  }

  /** A snapshot of the given workshop, or a 404. */
  async getForWorkshop(workshopId: string, snapshotId: string): Promise<Snapshot> {
    const snapshot = await this.deps.snapshots.get(snapshotId)
    if (!snapshot || snapshot.workshopId !== workshopId) {
      throw new SnapshotError(`snapshot "${snapshotId}" does not exist in this workshop`, 404)
    }
    return snapshot
  }

  /** Restores a snapshot as a new document; the live poster it was taken from is left alone. */
  async restoreAsCopy(workshopId: string, snapshotId: string, target: RestoreTarget): Promise<RestoreResult> {
    const snapshot = await this.getForWorkshop(workshopId, snapshotId)
    const { documents, workshops } = this.deps
    if (target.kind === 'standalone') {
      if (!this.deps.allowSandbox) {
        throw new SnapshotError(
          'standalone copies need sandbox posters, which this server has turned off',
          409,
        )
      }
      // A sandbox link is a capability: anyone holding it may edit, so its id must be
      // unguessable. The workshop id in front lets deleting the workshop find its copies.
      const docName = standaloneCopyPrefix(workshopId) + randomBytes(16).toString('base64url')
      await documents.append(docName, stateFromFile(snapshot.document))
      return { docName, posterId: null }
    }
    const aggregate = await workshops.getAggregate(workshopId)
    if (!aggregate) throw new SnapshotError(`workshop "${workshopId}" does not exist`, 404)
    const round = aggregate.rounds.find((r) => r.id === target.roundId)
    if (!round) throw new SnapshotError(`round "${target.roundId}" does not exist in this workshop`, 400)
    if (!aggregate.tables.some((t) => t.id === target.tableId)) {
      throw new SnapshotError(`table "${target.tableId}" does not exist in this workshop`, 400)
    }
    if (round.phase !== 'draft') {
      throw new SnapshotError(
        `round "${round.title}" has started (phase ${round.phase}); restore into a round that has not started, or as a standalone copy`,
        409,
      )
    }
    const replaced = aggregate.posters.find((p) => p.roundId === round.id && p.tableId === target.tableId)
    // Whatever the replaced poster held (an organizer may have prepared it) stays in a snapshot.
    if (replaced) await this.snapshotOf(replaced, 'manual')
    const posterId = newId()
    await documents.append(posterDocName(posterId), stateFromFile(snapshot.document))
    const posters = aggregate.posters.filter((p) => p !== replaced)
    posters.push({ id: posterId, workshopId, roundId: round.id, tableId: target.tableId })
    await workshops.saveWorkshop({ ...aggregate, posters })
    if (replaced) await documents.delete(posterDocName(replaced.id))
    return { docName: posterDocName(posterId), posterId }
  }

  /**
   * Removes everything the archive holds for a workshop: its snapshots, the documents of
   * posters that were replaced by restores, and standalone copies. Called when a workshop is
   * deleted, after (or before) the domain removes its own rows and poster documents.
   */
  async deleteWorkshop(workshopId: string): Promise<void> {
    const { documents, snapshots } = this.deps
    const posterIds = new Set((await snapshots.list({ workshopId })).map((s) => s.posterId))
    for (const posterId of posterIds) await documents.delete(posterDocName(posterId))
    for (const docName of await documents.list(standaloneCopyPrefix(workshopId)))
      await documents.delete(docName)
    await snapshots.deleteWorkshop(workshopId)
  }
}

/** Document name prefix of a workshop's standalone (sandbox) copies. */
export function standaloneCopyPrefix(workshopId: string): string {
  return sandboxDocName(`${workshopId}_`)
}
