import { describe, expect, it } from 'vitest'
import { writeTarget } from './writeTarget'

describe('writeTarget', () => {
  it('opens the poster, writable only while the round is open', () => {
    expect(writeTarget('draft', 'p-abc', 'me')).toEqual({ docName: 'p-abc', writable: false })
    expect(writeTarget('writing', 'p-abc', 'me')).toEqual({ docName: 'p-abc', writable: true })
    expect(writeTarget('locked', 'p-abc', 'me')).toEqual({ docName: 'p-abc', writable: false })
  })

  it('opens my private copy during private writing', () => {
    expect(writeTarget('private', 'p-abc', 'me')).toEqual({ docName: 'q-abc_me', writable: true })
    expect(writeTarget('private', 'p-abc', null)).toEqual({ docName: 'p-abc', writable: false })
  })

  it('has nothing to open without a poster', () => {
    expect(writeTarget('writing', null, 'me')).toEqual({ docName: null, writable: false })
  })
})
