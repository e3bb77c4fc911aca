/**
 * Keeps posters that already exist in step with edits of their round's questions, template or
 * language made before the round starts. Posters nobody opened yet need nothing: they are
 * seeded from the edited template when first opened.
 */
import type * as Y from 'yjs'
import { posterDocName } from '../../shared/docNames'
import { templateRecords } from '../../shared/templates/templateRecords'
import { applyTemplateChange } from '../domain/applyTemplateChange'
import type { WorkshopService } from '../domain/WorkshopService'
import type { DocumentStore } from '../storage/DocumentStore'

/** What template updates need. */
export interface TemplateUpdateDeps {
  workshops: WorkshopService
  store: DocumentStore
  /** Server-side edits through the room registry (persisted and broadcast). */
  rooms?: { transact(docName: string, fn: (doc: Y.Doc) => void): Promise<void> }
}

/** Registers the update of existing posters with the workshop service. */
export function registerTemplateUpdates(deps: TemplateUpdateDeps): void {
  const rooms = deps.rooms
  if (!rooms) return
  deps.workshops.onTemplateChanged(async (changes) => {
    for (const change of changes) {
      const before = templateRecords(
        change.previous.template,
        change.previous.questions,
        change.previous.language,
      )
      const after = templateRecords(change.round.template, change.round.questions, change.language)
      for (const poster of change.posters) {
        const name = posterDocName(poster.id)
        if (!(await deps.store.list(name)).includes(name)) continue
        await rooms.transact(name, (doc) => applyTemplateChange(doc, before, after))
      }
    }
  })
}
