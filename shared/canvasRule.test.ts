import { describe, expect, it } from 'vitest'
import type { RoundPhase } from './api'
import { type Canvas, canvasFor, mayWrite, mayWriteSynthesis, type Viewer } from './canvasRule'
import { posterDocName, privateDocName } from './docNames'
import { ROUND_PHASES } from './rounds'

const poster = { id: 'P1', tableId: 't1' }
const viewers: Record<string, Viewer> = {
  organizer: { role: 'organizer' },
  facilitator: { role: 'facilitator' },
  screen: { role: 'screen' },
  member: { role: 'participant', participantId: 'anna', tableId: 't1' },
  visitor: { role: 'participant', participantId: 'bo', tableId: 't2' },
}
const P = posterDocName('P1')
const Q = privateDocName('P1', 'anna')
const w = (docName: string): Canvas => ({ docName, writable: true, viewOnly: null })
const v = (viewOnly: Canvas['viewOnly']): Canvas => ({ docName: P, writable: false, viewOnly })

/** Every phase × every viewer, for a poster of the current round. */
const expected: Record<RoundPhase, Record<keyof typeof viewers, Canvas>> = {
  draft: {
    organizer: w(P),
    facilitator: w(P),
    screen: v('screen'),
    member: v('not-started'),
    visitor: v('other-table'),
  },
  writing: {
    organizer: w(P),
    facilitator: w(P),
    screen: v('screen'),
    member: w(P),
    visitor: v('other-table'),
  },
  private: {
    organizer: w(P),
    facilitator: w(P),
    screen: v('screen'),
    member: w(Q),
    visitor: v('other-table'),
  },
  reveal: {
    organizer: w(P),
    facilitator: w(P),
    screen: v('screen'),
    member: w(P),
    visitor: v('other-table'),
  },
  voting: {
    organizer: w(P),
    facilitator: w(P),
    screen: v('screen'),
    member: v('locked'),
    visitor: v('other-table'),
  },
  locked: {
    organizer: w(P),
    facilitator: w(P),
    screen: v('screen'),
    member: v('locked'),
    visitor: v('other-table'),
  },
  presented: {
    organizer: w(P),
    facilitator: w(P),
    screen: v('screen'),
    member: v('locked'),
    visitor: v('other-table'),
  },
  closed: {
    organizer: w(P),
    facilitator: w(P),
    screen: v('screen'),
    member: v('locked'),
    visitor: v('other-table'),
  },
}

describe('the canvas a viewer opens on a table poster', () => {
  for (const phase of ROUND_PHASES) {
    for (const [name, viewer] of Object.entries(viewers)) {
      it(`${phase} × ${name}`, () => {
        expect(canvasFor({ viewer, poster, phase, currentRound: true })).toEqual(expected[phase][name])
      })
    }
  }

  it("keeps a participant's canvas view-only outside the current round or before its phase is known", () => {
    const member = viewers.member as Viewer
    expect(canvasFor({ viewer: member, poster, phase: 'writing', currentRound: false })).toEqual(
      v('not-current'),
    )
    expect(canvasFor({ viewer: member, poster, phase: null, currentRound: true })).toEqual(v('not-current'))
    expect(
      canvasFor({ viewer: viewers.facilitator as Viewer, poster, phase: null, currentRound: false }),
    ).toEqual(w(P))
  })

  it('lets a viewer write only the document their canvas opens', () => {
    const member = viewers.member as Viewer
    const q = (phase: RoundPhase) => ({ viewer: member, poster, phase, currentRound: true })
    expect([mayWrite(P, q('private')), mayWrite(Q, q('private'))]).toEqual([false, true])
    expect([mayWrite(P, q('writing')), mayWrite(Q, q('writing'))]).toEqual([true, false])
    const staff = {
      viewer: viewers.organizer as Viewer,
      poster,
      phase: 'private' as const,
      currentRound: true,
    }
    expect([mayWrite(P, staff), mayWrite(Q, staff)]).toEqual([true, false])
  })
})

describe('mayWriteSynthesis', () => {
  it('lets staff write always, the screen never, participants only while their round is open', () => {
    const table = (open: string | null) =>
      Object.fromEntries(
        Object.entries(viewers).map(([name, viewer]) => [name, mayWriteSynthesis(viewer, 'R1', open)]),
      )
    expect(table(null)).toEqual({
      organizer: true,
      facilitator: true,
      screen: false,
      member: false,
      visitor: false,
    })
    expect(table('R1')).toEqual({
      organizer: true,
      facilitator: true,
      screen: false,
      member: true,
      visitor: true,
    })
    expect(table('R2')).toEqual({
      organizer: true,
      facilitator: true,
      screen: false,
      member: false,
      visitor: false,
    })
  })
})
