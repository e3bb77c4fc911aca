/**
 * Who writes where, and when: for someone looking at a table's poster, which document their
 * canvas opens and whether they may write in it. The server enforces it on every message
 * (server/domain/access.ts); the table page and the notes-only page show it (client/join/
 * tableCanvas.ts), so a canvas is never editable while the server refuses its writes.
 *
 * | viewer                     | draft | writing | private      | reveal | voting, locked, presented, closed |
 * |----------------------------|-------|---------|--------------|--------|-----------------------------------|
 * | organizer, facilitator     | write | write   | write        | write  | write                             |
 * | screen                     | view  | view    | view         | view   | view                              |
 * | participant of the table   | view  | write   | write `q-…`  | write  | view                              |
 * | participant of another one | view  | view    | view         | view   | view                              |
 *
 * A participant writes only while the poster's round is the workshop's current round; during
 * private writing their canvas is their own private document instead of the poster.
 */
import type { RoundPhase } from './api'
import { posterDocName, privateDocName } from './docNames'
import { participantsMayWritePoster, participantsWritePrivately } from './rounds'

/** Who looks at a poster: a key holder, or a participant of some table. */
export type Viewer =
  | { role: 'organizer' }
  | { role: 'facilitator' }
  | { role: 'screen' }
  | { role: 'participant'; participantId: string; tableId: string }

/** What decides a canvas. */
export interface CanvasQuery {
  viewer: Viewer
  /** The table's poster being looked at. */
  poster: { id: string; tableId: string }
  /** Phase of the poster's round; null while not known. */
  phase: RoundPhase | null
  /** Whether the poster's round is the workshop's current round. */
  currentRound: boolean
}

/** Why a canvas is view-only (the pages say so). */
export type ViewOnlyReason =
  /** The projector never writes. */
  | 'screen'
  /** Another table's poster, seen while it is presented. */
  | 'other-table'
  /** The round is in `draft`: it has not started. */
  | 'not-started'
  /** The round no longer takes participants' writing (voting, locked, presented, closed). */
  | 'locked'
  /** The poster belongs to another round than the current one, or its phase is not known. */
  | 'not-current'

/** The document a canvas opens and whether it may write there. */
export interface Canvas {
  docName: string
  writable: boolean
  /** Null when writable. */
  viewOnly: ViewOnlyReason | null
}

const view = (docName: string, viewOnly: ViewOnlyReason): Canvas => ({ docName, writable: false, viewOnly })
const write = (docName: string): Canvas => ({ docName, writable: true, viewOnly: null })

/** The canvas a viewer opens on a table's poster and whether they may write in it. */
export function canvasFor({ viewer, poster, phase, currentRound }: CanvasQuery): Canvas {
  const posterDoc = posterDocName(poster.id)
  if (viewer.role === 'organizer' || viewer.role === 'facilitator') return write(posterDoc)
  if (viewer.role === 'screen') return view(posterDoc, 'screen')
  if (viewer.tableId !== poster.tableId) return view(posterDoc, 'other-table')
  if (!currentRound || phase === null) return view(posterDoc, 'not-current')
  if (phase === 'draft') return view(posterDoc, 'not-started')
  if (participantsWritePrivately(phase)) return write(privateDocName(poster.id, viewer.participantId))
  if (participantsMayWritePoster(phase)) return write(posterDoc)
  return view(posterDoc, 'locked')
}

/** Whether the viewer may write `docName` now: only the document their canvas opens, while writable. */
export function mayWrite(docName: string, query: CanvasQuery): boolean {
  const canvas = canvasFor(query)
  return canvas.writable && canvas.docName === docName
}

/**
 * Whether a viewer may write on a round's synthesis poster (`y-<roundId>`): organizer and
 * facilitator always, the screen never, participants only while the facilitator has opened
 * that round's synthesis to them (`openRoundId`, from the control document's `synthesisOpen`).
 */
export function mayWriteSynthesis(viewer: Viewer, roundId: string, openRoundId: string | null): boolean {
  if (viewer.role === 'organizer' || viewer.role === 'facilitator') return true
  if (viewer.role === 'screen') return false
  return openRoundId === roundId
}
