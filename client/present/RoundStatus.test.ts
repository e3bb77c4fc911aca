import { describe, expect, it } from 'vitest'
import { type ControlState, emptyControlState } from '../../shared/controlDoc'
import type { RoundPhase } from '../../shared/rounds'
import { participantLocked, roundDocName } from './RoundStatus'

const control = (phase: RoundPhase): ControlState => ({
  ...emptyControlState(),
  phase,
  tables: [{ tableId: 't1', number: 1, name: 'Bord 1', colour: 'blue', posterId: 'P1' }],
})

describe('the canvas a table page binds', () => {
  it("is the participant's private document only while writing privately", () => {
    expect(roundDocName('p-P1', control('private'), 'anna')).toBe('q-P1_anna')
    expect(roundDocName('p-P1', control('writing'), 'anna')).toBe('p-P1')
    expect(roundDocName('p-P1', control('reveal'), 'anna')).toBe('p-P1')
    // Staff (no participant) and posters of other rounds stay on the poster.
    expect(roundDocName('p-P1', control('private'), null)).toBe('p-P1')
    expect(roundDocName('p-OLD', control('private'), 'anna')).toBe('p-OLD')
  })

  it('is view-only for participants once the round no longer takes their writing', () => {
    const locked = (['voting', 'locked', 'presented', 'closed'] as const).map((p) =>
      participantLocked(control(p), true),
    )
    expect(locked).toEqual([true, true, true, true])
    const open = (['draft', 'writing', 'private', 'reveal'] as const).map((p) =>
      participantLocked(control(p), true),
    )
    expect(open).toEqual([false, false, false, false])
    expect(participantLocked(control('locked'), false)).toBe(false)
  })
})
