/**
 * The domain entities as stored. Secrets appear only as SHA-256 hashes.
 */
import type { Language, RoundPhase, TableColour, TemplateName } from '../../shared/api'

/** A workshop. */
export interface Workshop {
  id: string
  /** Short code participants type on `/join` before picking their table. */
  code: string
  title: string
  date: string
  place: string
  language: Language
  anonymousNotes: boolean
  /** ISO timestamp. */
  createdAt: string
  /** Round in progress; null before the facilitator starts the first one. */
  currentRoundId: string | null
  /** Poster being presented in plenary, or null. */
  presentingPosterId: string | null
  organizerKeyHash: string
  facilitatorKeyHash: string
  screenKeyHash: string
}

/** A group-work round. */
export interface Round {
  id: string
  workshopId: string
  /** Position in the workshop, from 0. */
  index: number
  title: string
  questions: string[]
  template: TemplateName
  minutes: number
  /** Round whose posters this round's posters start from (homework), or null. */
  copyFromRoundId: string | null
  phase: RoundPhase
}

/** A table (a group). */
export interface Table {
  id: string
  workshopId: string
  /** 1-based number shown on the card. */
  number: number
  name: string
  colour: TableColour
  joinCode: string
}

/** One poster: a round × a table; its document is `p-<id>`. */
export interface Poster {
  id: string
  workshopId: string
  roundId: string
  tableId: string
}

/** Someone who joined a table with a name. */
export interface Participant {
  id: string
  workshopId: string
  tableId: string
  name: string
  tokenHash: string
  createdAt: string
}

/** A workshop with everything that belongs to it except participants. */
export interface WorkshopAggregate {
  workshop: Workshop
  rounds: Round[]
  tables: Table[]
  posters: Poster[]
}

/** Who a bearer secret belongs to. */
export type Principal =
  | { role: 'organizer' | 'facilitator' | 'screen'; workshopId: string }
  | { role: 'participant'; workshopId: string; participant: Participant }
