/**
 * The laser pointer of the people at a poster, drawn inside the poster's SVG. Only the laser
 * trail is drawn: cursors and names stay hidden on the projector.
 */
import { type ReactNode, useEffect, useState } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import { type LaserTrail, laserTrails } from './laserTrails'

/** tldraw's laser colour, so the trail looks the same on the screen as on the table's tablet. */
const LASER_COLOUR = '#ff0000'

function useLaserTrails(awareness: Awareness | null): LaserTrail[] {
  const [trails, setTrails] = useState<LaserTrail[]>([])
  useEffect(() => {
    if (!awareness) {
      setTrails([])
      return
    }
    const update = () => setTrails(laserTrails(awareness.getStates(), awareness.clientID))
    update()
    awareness.on('change', update)
    return () => awareness.off('change', update)
  }, [awareness])
  return trails
}

/** SVG group with the laser trails found in `awareness` (page coordinates). */
export function LaserLayer(props: { awareness: Awareness | null }): ReactNode {
  const trails = useLaserTrails(props.awareness)
  if (trails.length === 0) return null
  return (
    <g className="laser-layer" pointerEvents="none">
      {trails.map((trail) => {
        // A lone point still shows as a dot: a zero-length line with round caps.
        const pts = trail.points.length === 1 ? [trail.points[0]!, trail.points[0]!] : trail.points
        return (
          <polyline
            key={trail.key}
            data-testid="laser-trail"
            points={pts.map((p) => `${p.x},${p.y}`).join(' ')}
            fill="none"
            stroke={LASER_COLOUR}
            strokeOpacity={trail.opacity}
            strokeWidth={trail.size * 2}
            strokeLinecap="round"
            strokeLinejoin="round"
            vectorEffect="non-scaling-stroke"
          />
        )
      })}
    </g>
  )
}
