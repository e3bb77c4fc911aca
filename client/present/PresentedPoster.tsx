/**
 * One poster, live and read-only, fitted to its container: the whole poster, or one question
 * frame when `frameId` is set. Used by the projector screen, the presenter and the "Follow"
 * view of participants. Drawn as SVG, so text stays sharp at projector size; the laser
 * pointer of the people at the poster is drawn on top (their cursors are not).
 */
import type { ReactNode } from 'react'
import { PosterSvg } from '../render/PosterSvg'
import { usePosterScene } from '../render/usePosterScene'
import { LaserLayer } from './LaserLayer'

/** A live poster fitted to its box, optionally zoomed to one frame. */
export function PresentedPoster(props: {
  posterId: string
  token: string | null
  frameId?: string | null
  label: string
  className?: string
  /** Dot votes per note id. */
  tallies?: Record<string, number>
}): ReactNode {
  const { scene, awareness } = usePosterScene(props.posterId, props.token)
  const frame = props.frameId
    ? scene.items.find((d) => d.id === props.frameId && d.kind === 'frame')
    : undefined
  const view = frame && 'box' in frame ? frame.box : null
  return (
    <PosterSvg
      scene={scene}
      view={view}
      label={props.label}
      className={props.className ?? 'presented-poster'}
      tallies={props.tallies}
    >
      <LaserLayer awareness={awareness} />
    </PosterSvg>
  )
}
