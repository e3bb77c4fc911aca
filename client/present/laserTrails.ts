/**
 * Laser trails of the people at a poster, read from their awareness presence (tldraw keeps
 * the laser pointer's scribbles in the presence record), so read-only views drawn as SVG can
 * show where the presenting table points without showing anyone's cursor.
 */
import { PRESENCE_FIELD } from '../poster/PresenceBinding'

/** One trail in page coordinates. */
export interface LaserTrail {
  /** Unique across clients: `<clientId>:<scribbleId>`. */
  key: string
  points: { x: number; y: number }[]
  /** Stroke width in screen pixels, as tldraw draws it. */
  size: number
  opacity: number
}

function isPoint(p: unknown): p is { x: number; y: number } {
  if (!p || typeof p !== 'object') return false
  const { x, y } = p as { x?: unknown; y?: unknown }
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)
}

/**
 * The laser trails in a set of awareness states (other clients only). Malformed entries are
 * skipped; only scribbles tldraw colours as `laser` count (erasing and selection scribbles are
 * the other kinds and are no pointing).
 */
export function laserTrails(states: Map<number, Record<string, unknown>>, selfId: number): LaserTrail[] {
  const trails: LaserTrail[] = []
  for (const [clientId, state] of states) {
    if (clientId === selfId || !state) continue
    const presence = state[PRESENCE_FIELD] as { scribbles?: unknown } | null | undefined
    if (!presence || !Array.isArray(presence.scribbles)) continue
    for (const s of presence.scribbles as Record<string, unknown>[]) {
      if (s?.color !== 'laser' || !Array.isArray(s.points)) continue
      const points = (s.points as unknown[]).filter(isPoint).map(({ x, y }) => ({ x, y }))
      if (points.length === 0) continue
      trails.push({
        key: `${clientId}:${String(s.id)}`,
        points,
        size: typeof s.size === 'number' && s.size > 0 ? s.size : 4,
        opacity: typeof s.opacity === 'number' ? Math.min(1, Math.max(0, s.opacity)) : 1,
      })
    }
  }
  return trails
}
