import { describe, expect, it } from 'vitest'
import { localCopiesOf, localCopyName } from './localCopies'

describe('localCopiesOf', () => {
  it("names every poster, the participant's private copies and each round's synthesis", () => {
    const names = localCopiesOf({ posters: [{ id: 'p1' }, { id: 'p2' }], rounds: [{ id: 'r1' }] }, 'anna')
    expect(names).toEqual([
      'plenum:p-p1',
      'plenum:q-p1_anna',
      'plenum:p-p2',
      'plenum:q-p2_anna',
      'plenum:y-r1',
    ])
  })

  it('names no private copies without a participant', () => {
    expect(localCopiesOf({ posters: [{ id: 'p1' }], rounds: [] }, null)).toEqual([localCopyName('p-p1')])
  })
})
