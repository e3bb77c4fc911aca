/**
 * Request and response schemas of the round routes (facilitator controls, done flags, votes),
 * shared by the server (which validates with them) and the wall, presenter and poster pages.
 * All routes live under `/api`; see `server/rounds/roundsRoutes.ts`.
 */
import { z } from 'zod'
import { posterStatesPath } from './posterStates'
import { MAX_DOTS, ROUND_ACTIONS, type RoundAction } from './rounds'

/** Path of a round action: `POST /api/workshops/:id/rounds/:roundId/:action`. */
export const roundActionPath = (workshopId: string, roundId: string, action: RoundAction) =>
  `/api/workshops/${workshopId}/rounds/${roundId}/${action}`

/** Round paths under `/api/workshops/:id`. */
export const roundPaths = {
  timer: (w: string) => `/api/workshops/${w}/timer`,
  present: (w: string) => `/api/workshops/${w}/present`,
  presentNext: (w: string) => `/api/workshops/${w}/present/next`,
  presentPrevious: (w: string) => `/api/workshops/${w}/present/previous`,
  done: (w: string) => `/api/workshops/${w}/done`,
  votes: (w: string) => `/api/workshops/${w}/votes`,
  myVotes: (w: string) => `/api/workshops/${w}/votes/mine`,
  snapshotRound: (w: string) => `/api/workshops/${w}/rounds/current/snapshot`,
  /** `GET`: every poster's records of a round, or of `current` (`shared/posterStates.ts`), staff only. */
  posterStates: posterStatesPath,
  time: () => '/api/time',
} as const

/** A round action name. */
export const roundActionSchema = z.enum(ROUND_ACTIONS as [RoundAction, ...RoundAction[]])

/** Body of a round action; `minutes` for start/private, `dots` and `scope` for voting. */
export const roundActionRequestSchema = z.object({
  minutes: z.number().int().min(1).max(600).optional(),
  dots: z.number().int().min(1).max(MAX_DOTS).optional(),
  scope: z.enum(['table', 'all', 'synthesis']).optional(),
})
/** Body of a round action. */
export type RoundActionRequest = z.input<typeof roundActionRequestSchema>

/** Response of a round action. */
export interface RoundActionResponse {
  phase: string
  serverNow: number
}

/** `POST /api/workshops/:id/timer`. */
export const timerRequestSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('start'), minutes: z.number().min(0.1).max(600) }),
  z.object({ op: z.literal('extend'), minutes: z.number().min(-600).max(600) }),
  z.object({ op: z.literal('pause') }),
  z.object({ op: z.literal('resume') }),
  z.object({ op: z.literal('stop') }),
])
/** Body of a timer request. */
export type TimerRequest = z.input<typeof timerRequestSchema>

/** `POST /api/workshops/:id/present`: a table (null stops presenting), optionally a frame to zoom to. */
export const presentRequestSchema = z.object({
  tableId: z.string().min(1).max(64).nullable(),
  frameId: z.string().min(1).max(128).nullable().optional(),
  /** Reading view or whole canvas; kept from the current presentation when absent. */
  view: z.enum(['reading', 'poster']).optional(),
})
/** Body of a present request. */
export type PresentRequest = z.input<typeof presentRequestSchema>

/** `POST /api/workshops/:id/done`: participants flag their own table; staff name the table. */
export const doneRequestSchema = z.object({
  done: z.boolean(),
  tableId: z.string().min(1).max(64).optional(),
})
/** Body of a done request. */
export type DoneRequest = z.input<typeof doneRequestSchema>

/** `POST /api/workshops/:id/votes`: one dot on a note of a poster. */
export const voteRequestSchema = z.object({
  posterId: z.string().min(1).max(64),
  noteId: z.string().min(1).max(128),
})
/** Body of a vote request. */
export type VoteRequest = z.input<typeof voteRequestSchema>

/** `GET /api/workshops/:id/votes/mine`: the caller's dots in the current round. */
export interface MyVotesResponse {
  dots: number
  used: number
  /** Dots per `posterId/noteId`. */
  notes: Record<string, number>
}

/** `GET /api/time`: the server's clock, for the timer's clock offset. */
export interface TimeResponse {
  serverNow: number
}
