import { b64Vecs } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { decodeDrawPoints } from './drawPoints'

const stroke = [
  { x: 10.5, y: -3, z: 0.5 },
  { x: 12, y: -1.25, z: 0.6 },
  { x: 40, y: 80, z: 0.4 },
  { x: 39.75, y: 79.5, z: 0.5 },
]

describe('freehand points', () => {
  it('decode as tldraw encodes them, in 3D and in 2D', () => {
    for (const dim of [3, 2] as const) {
      const path = b64Vecs.encodePoints(stroke, dim)
      const ours = decodeDrawPoints(path, dim)
      const theirs = b64Vecs.decodePoints(path, dim)
      expect(ours).toEqual(theirs.map((p) => ({ x: p.x, y: p.y })))
      expect(ours[2].x).toBeCloseTo(40, 1)
    }
  })

  it('give nothing for an empty path and refuse text that is not base64', () => {
    expect(decodeDrawPoints('')).toEqual([])
    expect(() => decodeDrawPoints('not base64!')).toThrow()
  })
})
