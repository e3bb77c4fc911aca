/**
 * The facilitator's wall (`/w/:workshopId/wall#k=FACILITATOR_KEY`): every table's poster of
 * the current round as a live tile, the round controls acting on all tables at once, and
 * the timer. Clicking a tile puts that table on the projector.
 */
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react'
import { clientPaths, type WorkshopView } from '../../shared/api'
import type { JsonRecord } from '../../shared/docLayout'
import {
  CURRENT_ROUND,
  type PosterStatesResponse,
  parsePosterStates,
  posterStatesPath,
  shownRound,
} from '../../shared/posterStates'
import type { RoundPhase } from '../../shared/rounds'
import { apiFetch } from '../app/api'
import { readFragmentParam } from '../app/fragment'
import { useMessages } from '../app/i18n'
import type { PageProps } from '../app/matchRoute'
import { takePrefetched } from '../app/prefetch'
import { usePageTitle } from '../app/usePageTitle'
import { ReconnectingMark } from '../live/ReconnectingMark'
import { useControl } from '../live/useControl'
import { presentMessages } from '../present/presentMessages'
import { roundsClient } from '../round/roundsClient'
import { useNow } from '../round/useClock'
import { useHomeworkStatus } from '../series/HomeworkPanel'
import { RoundControls } from './RoundControls'
import { type TileView, WallTile } from './WallTile'
import { wallGrid } from './wallGrid'
import { wallMessages } from './wallMessages'
import './wall.css'

const NO_TALLIES: Record<string, number> = {}
/** Up to this many tables, tiles show the notes as text large enough to read. */
const READING_TABLES = 6

/** Reads a states answer; a failed one only costs the head start (tiles wait for their sockets). */
async function readStates(response: Promise<Response>): Promise<PosterStatesResponse | null> {
  try {
    const res = await response
    return res.ok ? parsePosterStates(await res.json()) : null
  } catch {
    return null
  }
}

/**
 * Every poster's records of a round in one request (`shared/posterStates.ts`), so tiles draw
 * at once instead of after their sockets, which browsers open to one host one at a time. The
 * request for the round shown first started with the page (`wallPrefetch.ts`); another round
 * is asked for when chosen.
 */
function useInitialRecords(workshopId: string, roundId: string | null, key: string | null) {
  const [loaded, setLoaded] = useState<{ roundId: string; byPoster: Map<string, JsonRecord[]> } | null>(null)
  useEffect(() => {
    if (!roundId || !key) return
    let cancelled = false
    const load = async () => {
      const early = takePrefetched(posterStatesPath(workshopId, CURRENT_ROUND), key)
      const first = early ? await readStates(early) : null
      if (first?.roundId === roundId) return first
      const headers = { accept: 'application/json', authorization: `Bearer ${key}` }
      return readStates(fetch(posterStatesPath(workshopId, roundId), { headers }))
    }
    load().then((states) => {
      if (cancelled) return
      const byPoster = new Map((states?.posters ?? []).map((p) => [p.posterId, p.records]))
      setLoaded({ roundId, byPoster })
    })
    return () => {
      cancelled = true
    }
  }, [workshopId, roundId, key])
  return loaded?.roundId === roundId ? loaded.byPoster : null
}

/** Size of an element in CSS px, kept up to date. */
function useBoxSize(ref: React.RefObject<HTMLElement | null>, active: boolean) {
  const [size, setSize] = useState<{ w: number; h: number } | null>(null)
  useEffect(() => {
    const el = ref.current
    if (!el || !active) return
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect
      setSize((old) => (old && old.w === width && old.h === height ? old : { w: width, h: height }))
    })
    observer.observe(el)
    return () => observer.disconnect()
  }, [ref, active])
  return size
}

/** The wall page. */
export default function WallPage({ params }: PageProps): ReactNode {
  const t = useMessages(wallMessages)
  const tp = useMessages(presentMessages)
  const workshopId = params.workshopId
  const [key] = useState(() => readFragmentParam('k'))
  const [view, setView] = useState<WorkshopView | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [chosenRoundId, setChosenRoundId] = useState<string | null>(null)
  const { control } = useControl(workshopId, key)
  const [homework] = useHomeworkStatus(workshopId, key)
  const now = useNow(1000)
  const api = roundsClient(workshopId, key)
  const [tileChoice, setTileChoice] = useState<TileView | null>(null)
  const gridRef = useRef<HTMLElement>(null)
  const gridSize = useBoxSize(gridRef, view !== null)
  const shownRoundId =
    view && view.rounds.length > 0
      ? (shownRound(view.rounds, chosenRoundId ?? control.currentRoundId ?? view.currentRoundId)?.id ?? null)
      : null
  const initialRecords = useInitialRecords(workshopId, shownRoundId, key)
  usePageTitle(view ? `${t('title')} · ${view.title}` : t('title'))

  const reload = useCallback(async () => {
    if (!key) return
    try {
      setView(await apiFetch<WorkshopView>(`/workshops/${workshopId}`, { token: key }))
    } catch (err) {
      setError((err as Error).message)
    }
  }, [workshopId, key])

  // The control document says when a round changes; the view (phases, posters) follows it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the round or its phase changes
  useEffect(() => {
    reload()
  }, [reload, control.currentRoundId, control.phase])

  const run = useCallback(async (call: () => Promise<unknown>) => {
    try {
      await call()
      setError(null)
    } catch (err) {
      setError((err as Error).message)
    }
  }, [])

  if (!key) return <p className="page-center">{t('noAccess')}</p>
  if (!view) return <p className="page-center">{error ?? t('loading')}</p>
  if (view.rounds.length === 0) return <p className="page-center">{t('noRounds')}</p>

  const round = shownRound(view.rounds, chosenRoundId ?? control.currentRoundId ?? view.currentRoundId)!
  const phase: RoundPhase = round.id === control.currentRoundId && control.phase ? control.phase : round.phase
  const tables = [...view.tables].sort((a, b) => a.number - b.number)
  const tallies = control.tallies
  const tileView: TileView = tileChoice ?? (tables.length <= READING_TABLES ? 'reading' : 'canvas')
  const grid = gridSize ? wallGrid(tables.length, gridSize.w, gridSize.h) : { kind: 'scroll' as const }
  const gridStyle =
    grid.kind === 'grid'
      ? {
          gridTemplateColumns: `repeat(${grid.columns}, minmax(0, 1fr))`,
          gridTemplateRows: `repeat(${grid.rows}, minmax(auto, 1fr))`,
        }
      : undefined

  return (
    <div className="wall">
      <header className="wall__bar">
        <h1 className="wall__title">{view.title}</h1>
        <label className="wall__round">
          {t('round')}{' '}
          <select
            value={round.id}
            onChange={(e) => setChosenRoundId(e.target.value)}
            data-testid="round-select"
          >
            {view.rounds.map((r) => (
              <option key={r.id} value={r.id}>
                {r.index + 1}. {r.title}
              </option>
            ))}
          </select>
        </label>
        <span className="wall__phase" data-testid="wall-phase" data-phase={phase}>
          {tp(`phase_${phase}`)}
        </span>
        <ReconnectingMark />
        <fieldset className="wall__view" aria-label={t('showAs')}>
          <legend>{t('showAs')}</legend>
          {(['reading', 'canvas'] as const).map((v) => (
            <button type="button" key={v} aria-pressed={tileView === v} onClick={() => setTileChoice(v)}>
              {v === 'reading' ? t('asText') : t('asDrawing')}
            </button>
          ))}
        </fieldset>
        <a href={`${clientPaths.present(workshopId)}#k=${key}`} target="_blank" rel="noreferrer">
          {t('presenter')}
        </a>
        <a href={`/w/${workshopId}/synthesis/${round.id}#k=${key}`} data-testid="open-synthesis">
          {t('synthesis')}
        </a>
      </header>
      <RoundControls
        key={round.id}
        round={round}
        phase={phase}
        control={control}
        api={api}
        run={run}
        onMessage={setMessage}
      />
      {(error || message) && (
        <p className={error ? 'wall__error' : 'wall__message'} role={error ? 'alert' : 'status'}>
          {error ?? message}
        </p>
      )}
      <main
        ref={gridRef}
        className={`wall__grid wall__grid--${grid.kind}`}
        data-count={tables.length}
        style={gridStyle}
      >
        {tables.map((table) => {
          const poster = view.posters.find((p) => p.roundId === round.id && p.tableId === table.id)
          if (!poster || !initialRecords) return null
          return (
            <WallTile
              key={poster.id}
              initialRecords={initialRecords.get(poster.id)}
              view={tileView}
              fill={grid.kind === 'grid'}
              tableId={table.id}
              name={table.name}
              colour={table.colour}
              posterId={poster.id}
              token={key}
              done={Boolean(control.done[table.id]) && round.id === control.currentRoundId}
              presenting={control.presenting?.posterId === poster.id}
              tallies={tallies[poster.id] ?? NO_TALLIES}
              now={now}
              href={`${clientPaths.table(workshopId, table.id)}#k=${key}`}
              onPresent={(tableId) => run(() => api.present({ tableId }))}
              changedShapeIds={
                homework?.homework?.roundId === round.id
                  ? homework.tables.find((c) => c.posterId === poster.id)?.changedShapeIds
                  : undefined
              }
            />
          )
        })}
      </main>
    </div>
  )
}
