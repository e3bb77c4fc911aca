/**
 * The copies of a workshop's documents that this device keeps (IndexedDB, one database per
 * document, named by `localCopyName`), and forgetting them when the server no longer knows the
 * workshop: a deleted workshop's notes must not stay on the phones that wrote them.
 */
import { posterDocName, privateDocName, synthesisDocName } from '../../shared/docNames'

/** Name of the IndexedDB database that keeps a document on this device. */
export function localCopyName(docName: string): string {
  return `plenum:${docName}`
}

/** What a device may still know of a workshop: its posters, rounds and the participant. */
export interface KnownWorkshop {
  posters: ReadonlyArray<{ id: string }>
  rounds: ReadonlyArray<{ id: string }>
}

/** The local copies that may exist for a workshop this device has seen. */
export function localCopiesOf(workshop: KnownWorkshop, participantId: string | null): string[] {
  const names: string[] = []
  for (const p of workshop.posters) {
    names.push(posterDocName(p.id))
    if (participantId) names.push(privateDocName(p.id, participantId))
  }
  for (const r of workshop.rounds) names.push(synthesisDocName(r.id))
  return names.map(localCopyName)
}

/** Deletes the local copies named; resolves when every deletion finished (or was refused). */
export async function deleteLocalCopies(names: readonly string[]): Promise<void> {
  if (typeof indexedDB === 'undefined') return
  await Promise.all(
    names.map(
      (name) =>
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase(name)
          request.onsuccess = () => resolve()
          request.onerror = () => resolve()
          // Another tab still has it open: it goes once that tab lets go.
          request.onblocked = () => resolve()
        }),
    ),
  )
}
