/**
 * Decodes the points of a freehand segment as tldraw stores them (`segment.path`): base64 of a
 * Float32 first point, then Float16 deltas; x, y and pressure, or x and y when `dim` is 2.
 * Ours rather than `b64Vecs` from tldraw's schema package, which would bring 150 kB of schema
 * code to the wall and the projector for this one function.
 */

/** A decoded point (pressure is left out: a thumbnail does not draw it). */
export interface DrawPoint {
  x: number
  y: number
}

function float16(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1
  const exp = (bits >> 10) & 0x1f
  const frac = bits & 0x3ff
  if (exp === 0) return sign * frac * 2 ** -24
  if (exp === 31) return frac ? Number.NaN : sign * Number.POSITIVE_INFINITY
  return sign * (1 + frac / 1024) * 2 ** (exp - 15)
}

/** The points of an encoded segment path; throws on text that is not base64. */
export function decodeDrawPoints(path: string, dim: 2 | 3 = 3): DrawPoint[] {
  if (!path) return []
  const text = atob(path)
  const bytes = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i)
  const view = new DataView(bytes.buffer)
  const first = dim === 2 ? 8 : 12
  const step = dim === 2 ? 4 : 6
  if (bytes.length < first) return []
  let x = view.getFloat32(0, true)
  let y = view.getFloat32(4, true)
  const out: DrawPoint[] = [{ x, y }]
  for (let at = first; at + 4 <= bytes.length; at += step) {
    x += float16(view.getUint16(at, true))
    y += float16(view.getUint16(at + 2, true))
    out.push({ x, y })
  }
  return out
}
