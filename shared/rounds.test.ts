import { describe, expect, it } from 'vitest'
import {
  allowedActions,
  checkUnvote,
  checkVote,
  clockOffset,
  extendTimer,
  formatRemaining,
  nextPhase,
  PhaseTransitionError,
  participantsMayWritePoster,
  participantsWritePrivately,
  pauseTimer,
  ROUND_ACTIONS,
  ROUND_PHASES,
  type RoundAction,
  type RoundPhase,
  remainingMs,
  resumeTimer,
  startTimer,
  timerStatus,
  transition,
  type VoteCheck,
} from './rounds'

// The complete table of allowed moves; anything not listed must be refused.
const allowed: Record<RoundPhase, Partial<Record<RoundAction, RoundPhase>>> = {
  draft: { start: 'writing', private: 'private' },
  writing: { private: 'private', voting: 'voting', lock: 'locked' },
  private: { reveal: 'reveal' },
  reveal: { private: 'private', voting: 'voting', lock: 'locked' },
  voting: { lock: 'locked', unlock: 'writing' },
  locked: { unlock: 'writing', voting: 'voting', present: 'presented', close: 'closed' },
  presented: { voting: 'voting', lock: 'locked', unlock: 'writing', close: 'closed' },
  closed: {},
}

describe('phase machine', () => {
  for (const from of ROUND_PHASES) {
    for (const action of ROUND_ACTIONS) {
      const to = allowed[from][action]
      if (to) {
        it(`${from} --${action}--> ${to}`, () => {
          expect(nextPhase(from, action)).toBe(to)
          expect(transition(from, action)).toBe(to)
        })
      } else {
        it(`${from} refuses ${action}`, () => {
          expect(nextPhase(from, action)).toBeNull()
          expect(() => transition(from, action)).toThrow(PhaseTransitionError)
        })
      }
    }
  }

  it('names the allowed actions in the refusal message', () => {
    expect(() => transition('private', 'lock')).toThrow(
      /cannot lock a round in phase "private"; allowed: reveal/,
    )
    expect(() => transition('closed', 'start')).toThrow(/allowed: none/)
  })

  it('lists the allowed actions per phase for the wall buttons', () => {
    expect(allowedActions('locked')).toEqual(['voting', 'unlock', 'present', 'close'])
    expect(allowedActions('closed')).toEqual([])
  })

  it('private writing cannot be skipped past: every way out of it is reveal', () => {
    expect(allowedActions('private')).toEqual(['reveal'])
  })

  it('lets participants write the poster only while writing or after reveal', () => {
    const writable = ROUND_PHASES.filter(participantsMayWritePoster)
    expect(writable).toEqual(['writing', 'reveal'])
    expect(ROUND_PHASES.filter(participantsWritePrivately)).toEqual(['private'])
  })
})

describe('timer', () => {
  const serverStart = 1_700_000_000_000
  const timer = startTimer(serverStart, 5 * 60_000)

  it('computes the clock offset from the midpoint of a request', () => {
    // Client clock is 30 s behind the server; the request took 200 ms.
    const sentAt = serverStart - 30_000
    const receivedAt = sentAt + 200
    const serverNow = serverStart + 100
    expect(clockOffset(serverNow, sentAt, receivedAt)).toBe(30_000)
  })

  it('shows the same remaining time on a client whose clock is skewed', () => {
    const skew = -45_000 // the client clock runs 45 s behind
    const serverNow = serverStart + 60_000
    const clientNow = serverNow + skew
    const offset = clockOffset(serverNow, clientNow - 50, clientNow + 50)
    expect(remainingMs(timer, clientNow, offset)).toBe(4 * 60_000)
    // Without the offset the skewed client would show 45 s too much.
    expect(remainingMs(timer, clientNow)).toBe(4 * 60_000 + 45_000)
  })

  it('warns in the last minute and ends at zero', () => {
    expect(timerStatus(timer, serverStart + 3 * 60_000)).toBe('running')
    expect(timerStatus(timer, serverStart + 4 * 60_000)).toBe('warning')
    expect(timerStatus(timer, serverStart + 4 * 60_000 + 59_000)).toBe('warning')
    expect(timerStatus(timer, serverStart + 5 * 60_000)).toBe('ended')
    expect(remainingMs(timer, serverStart + 6 * 60_000)).toBe(0)
  })

  it('a skewed clock warns at the server-side minute, not its own', () => {
    const ahead = 90_000 // the client clock runs 90 s ahead
    const at = serverStart + 3 * 60_000 // 2 min left by the server
    expect(timerStatus(timer, at + ahead, -ahead)).toBe('running')
    expect(timerStatus(timer, at + ahead)).toBe('warning')
  })

  it('pauses, keeps what was left, and resumes from it', () => {
    const paused = pauseTimer(timer, serverStart + 2 * 60_000)
    expect(timerStatus(paused, serverStart + 10 * 60_000)).toBe('paused')
    expect(remainingMs(paused, serverStart + 10 * 60_000)).toBe(3 * 60_000)
    expect(pauseTimer(paused, serverStart + 11 * 60_000)).toBe(paused)
    const resumed = resumeTimer(paused, serverStart + 20 * 60_000)
    expect(remainingMs(resumed, serverStart + 21 * 60_000)).toBe(2 * 60_000)
    expect(resumeTimer(resumed, serverStart)).toBe(resumed)
  })

  it('extends running, paused and ended timers', () => {
    expect(remainingMs(extendTimer(timer, serverStart + 60_000, 60_000), serverStart + 60_000)).toBe(
      5 * 60_000,
    )
    const paused = pauseTimer(timer, serverStart)
    expect(remainingMs(extendTimer(paused, serverStart, 2 * 60_000), 0)).toBe(7 * 60_000)
    const later = serverStart + 10 * 60_000
    const restarted = extendTimer(timer, later, 60_000)
    expect(restarted.startedAt).toBe(later)
    expect(remainingMs(restarted, later)).toBe(60_000)
    expect(remainingMs(extendTimer(timer, serverStart, -10 * 60_000), serverStart)).toBe(0)
  })

  it('formats remaining time as m:ss, rounding up', () => {
    expect(formatRemaining(5 * 60_000)).toBe('5:00')
    expect(formatRemaining(61_001)).toBe('1:02')
    expect(formatRemaining(999)).toBe('0:01')
    expect(formatRemaining(0)).toBe('0:00')
    expect(formatRemaining(-5)).toBe('0:00')
  })
})

describe('votes', () => {
  const base: VoteCheck = {
    phase: 'voting',
    config: { dots: 3, scope: 'table' },
    voterTableId: 't1',
    noteTableId: 't1',
    noteExists: true,
    dotsUsed: 0,
  }

  it('allows dots up to the limit and refuses the next one', () => {
    expect(checkVote({ ...base, dotsUsed: 2 })).toBeNull()
    expect(checkVote({ ...base, dotsUsed: 3 })).toBe('no-dots-left')
  })

  it('refuses votes outside the voting phase, locked rounds included', () => {
    for (const phase of ROUND_PHASES.filter((p) => p !== 'voting')) {
      expect(checkVote({ ...base, phase })).toBe('not-voting')
    }
    expect(checkVote({ ...base, config: null })).toBe('not-voting')
  })

  it('limits table-scoped votes to the own table, but not plenary votes', () => {
    expect(checkVote({ ...base, noteTableId: 't2' })).toBe('other-table')
    expect(checkVote({ ...base, noteTableId: 't2', config: { dots: 3, scope: 'all' } })).toBeNull()
  })

  it('puts dots of a vote on themes only on the synthesis, and keeps themes out of note votes', () => {
    const themes = { ...base, config: { dots: 3, scope: 'synthesis' as const } }
    expect(checkVote({ ...themes, onSynthesis: true, noteTableId: '' })).toBeNull()
    expect(checkVote({ ...themes, onSynthesis: false })).toBe('themes-only')
    expect(checkVote({ ...base, onSynthesis: true })).toBe('notes-only')
    expect(checkVote({ ...themes, onSynthesis: true, dotsUsed: 3 })).toBe('no-dots-left')
  })

  it('refuses dots on notes that do not exist', () => {
    expect(checkVote({ ...base, noteExists: false })).toBe('note-missing')
  })

  it('removes only dots the participant placed, only while voting', () => {
    expect(checkUnvote('voting', 1)).toBeNull()
    expect(checkUnvote('voting', 0)).toBe('no-vote-to-remove')
    expect(checkUnvote('locked', 1)).toBe('not-voting')
  })
})
