/**
 * Removes the documents and assets of posters when their workshop is deleted or an edit
 * removes their round or table: the poster, its private notes, each round's synthesis poster,
 * the control document.
 */

import { controlDocName, posterDocName, privateDocPrefix, synthesisDocName } from '../../shared/docNames'
import type { Poster } from '../domain/entities'
import type { WorkshopService } from '../domain/WorkshopService'
import type { DocumentStore } from '../storage/DocumentStore'

/** What cleanup needs. */
export interface DocumentCleanupDeps {
  workshops: WorkshopService
  /** Documents and assets. */
  store: DocumentStore
  /** Closes a loaded document's connections and deletes it; defaults to deleting from storage. */
  deleteDocument?: (docName: string) => Promise<void>
}

async function deletePosterDocuments(deps: DocumentCleanupDeps, posters: Poster[]): Promise<void> {
  const del = deps.deleteDocument ?? ((name: string) => deps.store.delete(name))
  for (const poster of posters) {
    const name = posterDocName(poster.id)
    for (const privateDoc of await deps.store.list(privateDocPrefix(poster.id))) await del(privateDoc)
    await del(name)
    // Asset keys are `<docName>.<random>` (see server/assets).
    await deps.store.deleteAssets(`${name}.`)
  }
}

/** Registers the cleanup with the workshop service. */
export function registerDocumentCleanup(deps: DocumentCleanupDeps): void {
  deps.workshops.onPostersRemoved((posters) => deletePosterDocuments(deps, posters))
  deps.workshops.onWorkshopDeleted(async (aggregate) => {
    await deletePosterDocuments(deps, aggregate.posters)
    const del = deps.deleteDocument ?? ((name: string) => deps.store.delete(name))
    // Each round's synthesis poster (`y-<roundId>`) and its uploaded images.
    for (const round of aggregate.rounds) {
      await del(synthesisDocName(round.id))
      await deps.store.deleteAssets(`${synthesisDocName(round.id)}.`)
    }
    await del(controlDocName(aggregate.workshop.id))
  })
}
