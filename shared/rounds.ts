/**
 * Rules of a round, shared by server (which enforces them) and client (which shows them):
 * the phase machine, timer arithmetic against a skewed client clock, and dot-vote limits.
 * Everything here is a pure function of its arguments.
 *
 * Phases: `draft → writing → (private → reveal) → voting → locked → presented → closed`.
 */
import { type RoundPhase, roundPhaseSchema } from './api'

export type { RoundPhase } from './api'

/** Every phase, in the order a round normally passes through them. */
export const ROUND_PHASES: readonly RoundPhase[] = roundPhaseSchema.options

/** What a facilitator can do to a round; each action leads to one phase. */
export type RoundAction = 'start' | 'private' | 'reveal' | 'voting' | 'lock' | 'unlock' | 'present' | 'close'

/** Every round action. */
export const ROUND_ACTIONS: readonly RoundAction[] = [
  'start',
  'private',
  'reveal',
  'voting',
  'lock',
  'unlock',
  'present',
  'close',
]

/**
 * Allowed transitions: for each phase, the actions it accepts and where they lead.
 * Private writing can only end by revealing (so private notes are never stranded), and a
 * round is only closed once it has been locked, because locking is when posters are snapshotted.
 */
const TRANSITIONS: Record<RoundPhase, Partial<Record<RoundAction, RoundPhase>>> = {
  draft: { start: 'writing', private: 'private' },
  writing: { private: 'private', voting: 'voting', lock: 'locked' },
  private: { reveal: 'reveal' },
  reveal: { private: 'private', voting: 'voting', lock: 'locked' },
  voting: { lock: 'locked', unlock: 'writing' },
  locked: { unlock: 'writing', voting: 'voting', present: 'presented', close: 'closed' },
  presented: { voting: 'voting', lock: 'locked', unlock: 'writing', close: 'closed' },
  closed: {},
}

/** The phase an action leads to from `from`, or null when the action is not allowed there. */
export function nextPhase(from: RoundPhase, action: RoundAction): RoundPhase | null {
  return TRANSITIONS[from][action] ?? null
}

/** The actions a round in `phase` accepts (what the wall enables). */
export function allowedActions(phase: RoundPhase): RoundAction[] {
  return ROUND_ACTIONS.filter((a) => TRANSITIONS[phase][a] !== undefined)
}

/** Thrown when an action is not allowed in the round's current phase. */
export class PhaseTransitionError extends Error {
  override name = 'PhaseTransitionError'
  constructor(
    readonly from: RoundPhase,
    readonly action: RoundAction,
  ) {
    super(
      `cannot ${action} a round in phase "${from}"; allowed: ${allowedActions(from).join(', ') || 'none'}`,
    )
  }
}

/** Like `nextPhase`, but throws a `PhaseTransitionError` when the action is refused. */
export function transition(from: RoundPhase, action: RoundAction): RoundPhase {
  const to = nextPhase(from, action)
  if (!to) throw new PhaseTransitionError(from, action)
  return to
}

/** Whether participants may edit their table's poster in this phase. Staff always may. */
export function participantsMayWritePoster(phase: RoundPhase): boolean {
  return phase === 'writing' || phase === 'reveal'
}

/** Whether participants write to their own private document (`q-…`) in this phase. */
export function participantsWritePrivately(phase: RoundPhase): boolean {
  return phase === 'private'
}

/** Whether the round's posters are frozen for everybody but staff (lock snapshots apply). */
export function isLockedPhase(phase: RoundPhase): boolean {
  return phase === 'locked' || phase === 'presented' || phase === 'closed'
}

// ---------------------------------------------------------------------------------------------
// Timer

/** Minutes before the end at which the timer warns. */
export const TIMER_WARNING_MS = 60_000

/** A round timer as the server stores it. Times are server epoch milliseconds. */
export interface TimerState {
  /** When the timer (last) started running. */
  startedAt: number
  /** Length of the run that began at `startedAt`. */
  durationMs: number
  /** Set while paused: what was left when it was paused. */
  pausedRemaining?: number | null
}

/** What a timer shows right now. */
export type TimerStatus = 'running' | 'warning' | 'paused' | 'ended'

/**
 * The offset to add to the client's clock to get the server's, from one request: the
 * server's clock is taken to have been read halfway between sending and receiving.
 */
export function clockOffset(serverNow: number, sentAt: number, receivedAt: number): number {
  return serverNow - (sentAt + receivedAt) / 2
}

/** Milliseconds left on a timer, never negative. `offset` comes from `clockOffset`. */
export function remainingMs(timer: TimerState, clientNow: number, offset = 0): number {
  if (timer.pausedRemaining != null) return Math.max(0, timer.pausedRemaining)
  return Math.max(0, timer.startedAt + timer.durationMs - (clientNow + offset))
}

/** The timer's status: paused, ended, in its last minute (warning) or running. */
export function timerStatus(timer: TimerState, clientNow: number, offset = 0): TimerStatus {
  if (timer.pausedRemaining != null) return 'paused'
  const left = remainingMs(timer, clientNow, offset)
  if (left <= 0) return 'ended'
  return left <= TIMER_WARNING_MS ? 'warning' : 'running'
}

/** Formats milliseconds as `m:ss` (rounded up, so "0:00" only shows once time is up). */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const minutes = Math.floor(total / 60)
  const seconds = total % 60
  return `${minutes}:${seconds.toString().padStart(2, '0')}`
}

/** A fresh timer of `durationMs` starting at server time `now`. */
export function startTimer(now: number, durationMs: number): TimerState {
  return { startedAt: now, durationMs, pausedRemaining: null }
}

/** Adds `extraMs` (may be negative) to a timer, running or paused; an ended timer restarts from now. */
export function extendTimer(timer: TimerState, now: number, extraMs: number): TimerState {
  if (timer.pausedRemaining != null) {
    return { ...timer, pausedRemaining: Math.max(0, timer.pausedRemaining + extraMs) }
  }
  const left = remainingMs(timer, now)
  if (left <= 0) return startTimer(now, Math.max(0, extraMs))
  return { ...timer, durationMs: Math.max(0, timer.durationMs + extraMs) }
}

/** Pauses a running timer (no-op when already paused). */
export function pauseTimer(timer: TimerState, now: number): TimerState {
  if (timer.pausedRemaining != null) return timer
  return { ...timer, pausedRemaining: remainingMs(timer, now) }
}

/** Resumes a paused timer from `now` with what was left (no-op when running). */
export function resumeTimer(timer: TimerState, now: number): TimerState {
  if (timer.pausedRemaining == null) return timer
  return startTimer(now, timer.pausedRemaining)
}

// ---------------------------------------------------------------------------------------------
// Votes

/**
 * Where a participant may put dots: notes on their own table's poster, notes on every table's
 * (plenary), or the themes of the round's synthesis poster.
 */
export type VoteScope = 'table' | 'all' | 'synthesis'

/** Dot-voting settings of a round, set when voting starts. */
export interface VoteConfig {
  /** Dots each participant may place in the round. */
  dots: number
  /** Where they may place them. */
  scope: VoteScope
}

/** Most dots a facilitator may hand out per participant. */
export const MAX_DOTS = 20

/** Why a vote is refused. */
export type VoteRefusal =
  | 'not-voting'
  | 'no-dots-left'
  | 'other-table'
  | 'note-missing'
  | 'no-vote-to-remove'
  | 'themes-only'
  | 'notes-only'

/** The facts a vote is judged on; the server gathers them from its database and the poster. */
export interface VoteCheck {
  /** Phase of the round the note's poster belongs to. */
  phase: RoundPhase
  /** The round's vote settings (null when voting never started). */
  config: VoteConfig | null
  /** Table of the participant voting. */
  voterTableId: string
  /** Table whose poster holds the note. */
  noteTableId: string
  /** Whether the note exists on that poster. */
  noteExists: boolean
  /** Dots the participant has already placed in this round. */
  dotsUsed: number
  /** Whether the dot goes on a theme of the synthesis poster rather than a table's note. */
  onSynthesis?: boolean
}

/** Judges placing one dot: null when allowed, else the reason it is refused. */
export function checkVote(c: VoteCheck): VoteRefusal | null {
  if (c.phase !== 'voting' || !c.config) return 'not-voting'
  if (c.config.scope === 'synthesis' && !c.onSynthesis) return 'themes-only'
  if (c.config.scope !== 'synthesis' && c.onSynthesis) return 'notes-only'
  if (!c.noteExists) return 'note-missing'
  if (c.config.scope === 'table' && c.noteTableId !== c.voterTableId) return 'other-table'
  if (c.dotsUsed >= c.config.dots) return 'no-dots-left'
  return null
}

/** Judges removing one dot: only while voting, and only a dot the participant placed. */
export function checkUnvote(phase: RoundPhase, dotsOnNote: number): VoteRefusal | null {
  if (phase !== 'voting') return 'not-voting'
  return dotsOnNote > 0 ? null : 'no-vote-to-remove'
}

/** Human-readable text of a vote refusal, used in 4xx responses. */
export const VOTE_REFUSAL_MESSAGES: Record<VoteRefusal, string> = {
  'not-voting': 'the round is not in its voting phase',
  'no-dots-left': 'no dots left: every dot of this round is placed',
  'other-table': "votes in this round are limited to your own table's poster",
  'note-missing': 'no such note on this poster',
  'no-vote-to-remove': 'you have no dot on this note',
  'themes-only': 'this vote is on the themes of the synthesis, not on single notes',
  'notes-only': 'this vote is on notes; themes are voted on when the facilitator starts a vote on themes',
}
