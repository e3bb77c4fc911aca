/**
 * What read and write permission depend on, kept in memory so `Access.canWrite()` (called for every
 * incoming update, synchronously) sees a phase change or a new current round the moment it is
 * stored: a lock takes effect on the next message, not the next connection.
 *
 * Filled from the store whenever a connection is authorised and updated by every change made
 * through `WorkshopService`. With several server instances, whoever applies control-document
 * changes from another instance should call `apply` too.
 */
import type { RoundPhase } from '../../shared/api'
import { isLockedPhase } from '../../shared/rounds'

interface WorkshopLive {
  currentRoundId: string | null
  firstRoundId: string | null
  presentingPosterId: string | null
}

/** Roles that enter with a workshop key (not a participant token). */
export type KeyRole = 'organizer' | 'facilitator' | 'screen'

/** In-memory phases and current rounds. */
export class LiveRoundState {
  private readonly phases = new Map<string, RoundPhase>()
  private readonly deadlines = new Map<string, number>()
  private readonly workshops = new Map<string, WorkshopLive>()
  private readonly keys = new Map<string, Record<KeyRole, string>>()
  private readonly synthesis = new Map<string, string | null>()

  /** `now` is the server clock (tests pass their own). */
  constructor(private readonly now: () => number = Date.now) {}

  /** Records a round's phase. */
  setPhase(roundId: string, phase: RoundPhase): void {
    this.phases.set(roundId, phase)
  }

  /**
   * Records when a round stops taking participants' writing (homework), or null for never.
   * From that moment the round reads as locked here, before the closing job has stored the
   * lock: the deadline holds to the millisecond of the server's clock.
   */
  setDeadline(roundId: string, closesAt: number | null): void {
    if (closesAt === null) this.deadlines.delete(roundId)
    else this.deadlines.set(roundId, closesAt)
  }

  /** A round's phase, or null when unknown; `locked` once its deadline has passed. */
  phase(roundId: string): RoundPhase | null {
    const phase = this.phases.get(roundId) ?? null
    const deadline = this.deadlines.get(roundId)
    if (phase && deadline !== undefined && this.now() >= deadline && !isLockedPhase(phase)) return 'locked'
    return phase
  }

  /** Records a workshop's current round, first round and presented poster. */
  setWorkshop(workshopId: string, state: WorkshopLive): void {
    this.workshops.set(workshopId, { ...state })
  }

  /** Applies a partial change of a workshop (current round or presentation). */
  apply(workshopId: string, change: Partial<WorkshopLive>): void {
    const existing = this.workshops.get(workshopId)
    if (existing) Object.assign(existing, change)
  }

  /** The round participants work in: the current one, or the first before the workshop starts. */
  activeRoundId(workshopId: string): string | null {
    const w = this.workshops.get(workshopId)
    return w ? (w.currentRoundId ?? w.firstRoundId) : null
  }

  /** The poster being presented in a workshop, or null. */
  presentingPosterId(workshopId: string): string | null {
    return this.workshops.get(workshopId)?.presentingPosterId ?? null
  }

  /** Records which round's synthesis participants may write on (null: none). */
  setSynthesisOpen(workshopId: string, roundId: string | null): void {
    this.synthesis.set(workshopId, roundId)
  }

  /** The round whose synthesis is open to participants; undefined when not known here yet. */
  synthesisOpen(workshopId: string): string | null | undefined {
    return this.synthesis.get(workshopId)
  }

  /** Records the current key hashes of a workshop (a re-issued key replaces one). */
  setKeyHashes(workshopId: string, hashes: Record<KeyRole, string>): void {
    this.keys.set(workshopId, { ...hashes })
  }

  /** The current hash of a workshop's key, or null when the workshop is not known here. */
  keyHash(workshopId: string, role: KeyRole): string | null {
    return this.keys.get(workshopId)?.[role] ?? null
  }

  /** Forgets a workshop and its rounds (after deletion). */
  forget(workshopId: string, roundIds: Iterable<string>): void {
    this.workshops.delete(workshopId)
    this.keys.delete(workshopId)
    this.synthesis.delete(workshopId)
    for (const id of roundIds) {
      this.phases.delete(id)
      this.deadlines.delete(id)
    }
  }
}
