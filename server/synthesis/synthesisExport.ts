/**
 * The synthesis in the exports: each round's accepted themes with their votes and their notes'
 * origin (the report's "Konklusioner / Conclusions" pages, the notes JSON), and the theme of
 * every table note that was gathered into one (the CSV's theme column).
 */

import { readRecords } from '../../shared/docLayout'
import { synthesisDocName } from '../../shared/docNames'
import { readSynthesis } from '../../shared/synthesis'
import type { ConclusionTheme } from '../../shared/synthesisApi'
import type { WorkshopAggregate } from '../domain/entities'
import { docFromState, type VoteReader } from '../export/posterContent'
import type { DocumentStore } from '../storage/DocumentStore'

/** What reading the conclusions needs. */
export interface ConclusionDeps {
  documents: Pick<DocumentStore, 'load'>
  votes: VoteReader
}

/** Every accepted theme of every round, rounds in order, themes by votes then reading order. */
export async function readConclusions(
  deps: ConclusionDeps,
  a: WorkshopAggregate,
): Promise<ConclusionTheme[]> {
  const out: ConclusionTheme[] = []
  const anonymous = a.workshop.anonymousNotes
  for (const round of [...a.rounds].sort((x, y) => x.index - y.index)) {
    const docName = synthesisDocName(round.id)
    const state = await deps.documents.load(docName)
    if (!state) continue
    const doc = docFromState(state)
    const themes = readSynthesis(readRecords(doc))
    doc.destroy()
    if (themes.length === 0) continue
    const votes = await deps.votes(a.workshop.id, docName)
    const ranked = themes
      .map((theme, order) => ({ theme, order, votes: votes.get(theme.frameId) ?? 0 }))
      .sort((x, y) => y.votes - x.votes || x.order - y.order)
    for (const { theme, votes: dots } of ranked) {
      out.push({
        roundId: round.id,
        frameId: theme.frameId,
        label: theme.label,
        votes: dots,
        notes: theme.notes.map((n) => ({
          text: n.text,
          tableName: n.provenance?.tableName ?? null,
          authorName: anonymous ? null : (n.provenance?.authorName ?? null),
          posterId: n.provenance?.posterId ?? null,
          noteId: n.provenance?.noteId ?? null,
        })),
      })
    }
  }
  return out
}

/** The theme label of each table note gathered into a theme, keyed `posterId/noteId`. */
export function themeOfNotes(conclusions: readonly ConclusionTheme[]): Map<string, string> {
  const out = new Map<string, string>()
  for (const theme of conclusions) {
    for (const n of theme.notes) {
      if (n.posterId && n.noteId && !out.has(`${n.posterId}/${n.noteId}`)) {
        out.set(`${n.posterId}/${n.noteId}`, theme.label)
      }
    }
  }
  return out
}
