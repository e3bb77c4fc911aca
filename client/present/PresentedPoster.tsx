/**
 * One poster, live and read-only, as the plenary sees it: by default the reading view (every
 * question's notes as large cards, legible from the back of the room), or the canvas geometry
 * fitted to its container (the whole poster, or one question frame when `frameId` is set).
 * Used by the projector screen, the presenter and the "Follow" view of participants. The
 * canvas is drawn as SVG, so text stays sharp at projector size; the laser pointer of the
 * people at the poster is drawn on top (their cursors are not).
 */
import type { ReactNode } from 'react'
import type { PresentView } from '../../shared/controlDoc'
import { PosterSvg } from '../render/PosterSvg'
import { usePosterScene } from '../render/usePosterScene'
import { LaserLayer } from './LaserLayer'
import { ReadingView } from './ReadingView'

/** Props of `PresentedView`. */
export interface PresentedViewProps {
  /** A poster's live scene, records and awareness (`usePosterScene`). */
  poster: ReturnType<typeof usePosterScene>
  /** Reading view (default) or the canvas geometry. */
  view?: PresentView
  frameId?: string | null
  label: string
  className?: string
  /** Dot votes per note id. */
  tallies?: Record<string, number>
  /** Reading view: smallest note text and the screen size to lay out for (see `ReadingView`). */
  minFontPx?: number
  reference?: { w: number; h: number }
}

/** A poster already followed, shown as the plenary sees it. */
export function PresentedView(props: PresentedViewProps): ReactNode {
  const { scene, records, state, awareness } = props.poster
  if ((props.view ?? 'reading') === 'reading') {
    return (
      <ReadingView
        records={records}
        version={state.version}
        frameId={props.frameId ?? null}
        tallies={props.tallies}
        label={props.label}
        className={props.className}
        minFontPx={props.minFontPx}
        reference={props.reference}
      />
    )
  }
  const frame = props.frameId
    ? scene.items.find((d) => d.id === props.frameId && d.kind === 'frame')
    : undefined
  return (
    <PosterSvg
      scene={scene}
      view={frame && 'box' in frame ? frame.box : null}
      label={props.label}
      className={props.className ?? 'presented-poster'}
      tallies={props.tallies}
    >
      <LaserLayer awareness={awareness} />
    </PosterSvg>
  )
}

/** A live poster as the plenary sees it (reading view, or fitted to its box and optionally zoomed to one frame). */
export function PresentedPoster(
  props: Omit<PresentedViewProps, 'poster'> & {
    posterId: string
    token: string | null
    /** The document to show when it is not the table poster `p-<posterId>` (a synthesis). */
    docName?: string
  },
): ReactNode {
  const poster = usePosterScene(props.posterId, props.token, 100, props.docName)
  return <PresentedView poster={poster} {...props} />
}
