/**
 * Layout of a workshop's control document (`w-<workshopId>`): one root Y.Map `control` whose
 * keys hold plain JSON values. Only the server writes it (clients open it read-only); the
 * wall, presenter, screen and every poster read it to show the phase, the timer, who is
 * presenting, which tables are done and the vote tallies.
 *
 * Each concern is its own key so that two server instances updating different concerns
 * (a done flag and a tally) never overwrite each other.
 */
import type * as Y from 'yjs'
import type { RoundPhase, TimerState, VoteConfig } from './rounds'

/** Name of the root map of the control document. */
export const CONTROL_MAP = 'control'

/** How the plenary sees a presented poster: notes as large cards per question, or the canvas as drawn. */
export type PresentView = 'reading' | 'poster'

/** The poster being shown in plenary. */
export interface Presenting {
  posterId: string
  tableId: string
  /** Display name of the table ("Bord 3"), so banners need no extra lookup. */
  tableName: string
  /** Question frame to zoom to, when the presenter picked one. */
  frameId?: string | null
  /** Reading view (the default, also when absent) or the whole canvas. */
  view?: PresentView
  /** Server time the presentation (or its last frame change) began. */
  at: number
  /** The document shown when it is not a table's poster (the round's synthesis, `y-…`). */
  docName?: string
}

/** A table of the current round as every client needs it. */
export interface ControlTable {
  tableId: string
  number: number
  name: string
  colour: string
  /** Poster of this table in the current round. */
  posterId: string
}

/** Everything the control document says, with defaults for keys not yet written. */
export interface ControlState {
  currentRoundId: string | null
  /** Title of the current round. */
  roundTitle: string
  phase: RoundPhase | null
  timer: TimerState | null
  presenting: Presenting | null
  /** Tables of the current round, in table order. */
  tables: ControlTable[]
  /** "We're done" flags raised by tables, by table id. */
  done: Record<string, boolean>
  /** Vote settings while a vote runs (or ran) in the current round. */
  votes: VoteConfig | null
  /** Dots per note: `tallies[posterId][noteId]`. */
  tallies: Record<string, Record<string, number>>
  /** Round whose synthesis poster participants may write on now, or null. */
  synthesisOpen: string | null
}

/** The control state of a document nobody has written yet. */
export function emptyControlState(): ControlState {
  return {
    currentRoundId: null,
    roundTitle: '',
    phase: null,
    timer: null,
    presenting: null,
    tables: [],
    done: {},
    votes: null,
    tallies: {},
    synthesisOpen: null,
  }
}

const KEYS = Object.keys(emptyControlState()) as Array<keyof ControlState>

/** Returns the control map of a document. */
export function getControlMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(CONTROL_MAP)
}

/** Reads the whole control state. */
export function readControl(doc: Y.Doc): ControlState {
  const map = getControlMap(doc)
  const state = emptyControlState() as unknown as Record<string, unknown>
  for (const key of KEYS) {
    const value = map.get(key)
    if (value !== undefined) state[key] = value
  }
  return state as unknown as ControlState
}

/**
 * Writes the given keys (server only). Values are stored as plain JSON, so a key is replaced
 * whole; unchanged keys are not rewritten, keeping the document small.
 */
export function writeControl(doc: Y.Doc, patch: Partial<ControlState>): void {
  const map = getControlMap(doc)
  doc.transact(() => {
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue
      if (JSON.stringify(map.get(key)) === JSON.stringify(value)) continue
      map.set(key, value)
    }
  }, 'control')
}

/** Dots on one note, from the tallies. */
export function tallyOf(state: ControlState, posterId: string, noteId: string): number {
  return state.tallies[posterId]?.[noteId] ?? 0
}
