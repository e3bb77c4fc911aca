/**
 * One table on the wall: its poster drawn live as SVG from the document's records over one
 * read-only connection, with the table's name, who is online, how long since the last edit,
 * and the "we're done" flag. Clicking the poster presents the table.
 */
import { memo, type ReactNode, useEffect, useMemo, useRef, useState } from 'react'
import type { JsonRecord } from '../../shared/docLayout'
import { useMessages } from '../app/i18n'
import { ReadingView } from '../present/ReadingView'
import { PosterSvg } from '../render/PosterSvg'
import { PALETTE, type PosterScene } from '../render/posterScene'
import { usePosterScene } from '../render/usePosterScene'
import { wallMessages } from './wallMessages'

/** A tile shows the notes as text (readable with a few tables) or the poster as drawn. */
export type TileView = 'reading' | 'canvas'

/** Smallest and largest note text of a tile's text view, in CSS px. */
const TILE_FONT = { minFontPx: 12, maxFontPx: 26 }

/** Props of a tile. */
export interface WallTileProps {
  /** The poster's records as fetched with every other tile's, drawn until the live connection syncs. */
  initialRecords?: readonly JsonRecord[]
  view: TileView
  tableId: string
  name: string
  colour: string
  posterId: string
  token: string
  done: boolean
  presenting: boolean
  /** Dots per note of this poster. */
  tallies: Record<string, number>
  /** Local time now, ticking, for "edited … ago". */
  now: number
  /** Link to the full poster. */
  href: string
  onPresent(tableId: string): void
  /** Notes written or edited since the workshop (homework), outlined and counted on the tile. */
  changedShapeIds?: readonly string[]
  /** The wall's grid sizes the tile; otherwise its shape follows the poster's. */
  fill: boolean
}

/** The tile's shape follows the poster's, within limits that keep the grid tidy. */
function tileAspect(bounds: { w: number; h: number } | null): number {
  if (!bounds || bounds.h <= 0) return 16 / 10
  return Math.min(2.4, Math.max(1.2, bounds.w / bounds.h))
}

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000))
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h`
}

/** A live tile. */
export const WallTile = memo(function WallTile(props: WallTileProps): ReactNode {
  const t = useMessages(wallMessages)
  const { scene, state, records } = usePosterScene(
    props.posterId,
    props.token,
    150,
    undefined,
    props.initialRecords,
  )
  const dots = Object.values(props.tallies).reduce((n, v) => n + v, 0)
  const box = useRef<HTMLDivElement>(null)
  const [size, setSize] = useState<{ w: number; h: number } | null>(null)
  useEffect(() => {
    const el = box.current
    if (!el) return
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect
      setSize((old) =>
        old && Math.abs(old.w - width) < 8 && Math.abs(old.h - height) < 8 ? old : { w: width, h: height },
      )
    })
    observer.observe(el)
    return () => observer.disconnect()
  }, [])
  const colour = PALETTE[props.colour]?.solid ?? '#1d1d1d'
  // The same element while the scene is unchanged, so the clock ticking does not redraw posters.
  const changed = props.changedShapeIds
  const svg = useMemo(
    () =>
      props.view === 'reading' ? (
        <ReadingView
          records={records}
          version={state.version}
          frameId={null}
          tallies={props.tallies}
          label={props.name}
          className="wall-tile__reading"
          changed={changed}
          {...TILE_FONT}
        />
      ) : size === null ? null : (
        // Drawn once the tile's size is known: drawn at an unknown size it would set every
        // note's text, only to take it out again a moment later as too small to read.
        <PosterSvg
          scene={scene}
          tallies={props.tallies}
          label={props.name}
          pixelSize={size}
          className="wall-tile__svg"
        >
          {changed && changed.length > 0 ? <ChangedOutlines scene={scene} ids={changed} /> : null}
        </PosterSvg>
      ),
    [props.view, records, state.version, scene, props.tallies, props.name, size, changed],
  )
  return (
    <article
      className={`wall-tile${props.done ? ' wall-tile--done' : ''}${props.presenting ? ' wall-tile--presenting' : ''}`}
      data-testid="wall-tile"
      data-table-id={props.tableId}
      data-shapes={scene.items.length}
    >
      <header className="wall-tile__head" style={{ borderTopColor: colour }}>
        <h2 className="wall-tile__name">{props.name}</h2>
        {props.done && (
          <span className="wall-tile__done" data-testid="tile-done">
            ✓ {t('done')}
          </span>
        )}
        {props.presenting && <span className="wall-tile__live">{t('presentingNow')}</span>}
        {changed && changed.length > 0 ? (
          <span className="wall-tile__new" data-testid="tile-new">
            {t('newSince', { n: String(changed.length) })}
          </span>
        ) : null}
      </header>
      <div
        ref={box}
        style={props.fill ? undefined : { aspectRatio: tileAspect(scene.bounds) }}
        className="wall-tile__poster"
      >
        {svg}
        {/* Over the whole poster: clicking anywhere on it presents the table. */}
        <button
          type="button"
          className="wall-tile__present"
          onClick={() => props.onPresent(props.tableId)}
          aria-label={t('presentTable', { table: props.name })}
        />
      </div>
      <footer className="wall-tile__foot">
        <span data-testid="tile-online">
          {t('online', { n: state.reconnecting ? '?' : String(state.online) })}
        </span>
        <span>
          {state.lastEditAt ? t('lastEdit', { time: ago(props.now - state.lastEditAt) }) : t('noEdits')}
        </span>
        {dots > 0 && <span>{t('votes', { n: String(dots) })}</span>}
        <a href={props.href} target="_blank" rel="noreferrer">
          {t('openPoster')}
        </a>
      </footer>
    </article>
  )
})

/** Outlines around the notes written or edited since the workshop, in the poster's coordinates. */
function ChangedOutlines({ scene, ids }: { scene: PosterScene; ids: readonly string[] }): ReactNode {
  const wanted = new Set(ids)
  return (
    <g data-testid="changed-outlines">
      {scene.items.map((item) =>
        wanted.has(item.id) && 'box' in item ? (
          <rect
            key={item.id}
            x={item.box.x - 12}
            y={item.box.y - 12}
            width={item.box.w + 24}
            height={item.box.h + 24}
            rx={16}
            fill="none"
            stroke="#c2410c"
            strokeWidth={10}
          />
        ) : null,
      )}
    </g>
  )
}
