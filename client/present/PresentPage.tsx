/**
 * The presenter (`/w/:workshopId/present#k=FACILITATOR_KEY`): the presented poster as the
 * room sees it, the tables to pick from, next/previous by arrow keys, Page Up/Down (what
 * presentation clickers send) or buttons, zoom to a question frame, and the timer.
 */
import { type ReactNode, useCallback, useEffect, useState } from 'react'
import { readFragmentParam } from '../app/fragment'
import { useMessages } from '../app/i18n'
import type { PageProps } from '../app/matchRoute'
import { ReconnectingMark } from '../live/ReconnectingMark'
import { useControl } from '../live/useControl'
import { framesOf, usePosterScene } from '../render/usePosterScene'
import { roundsClient } from '../round/roundsClient'
import { synthesisClient } from '../synthesis/synthesisClient'
import { PresentedView } from './PresentedPoster'
import { presentMessages } from './presentMessages'
import { TimerDisplay } from './TimerDisplay'
import './present.css'

/** The preview lays the reading view out as a 720p projector shows it (the common venue projector). */
const PROJECTOR = { w: 1280, h: 720 }

/** The presenter page. */
export default function PresentPage({ params }: PageProps): ReactNode {
  const t = useMessages(presentMessages)
  const workshopId = params.workshopId
  const [key] = useState(() => readFragmentParam('k'))
  const { control, synced } = useControl(workshopId, key)
  const [error, setError] = useState<string | null>(null)
  const api = roundsClient(workshopId, key)
  const presenting = control.presenting
  const poster = usePosterScene(presenting?.posterId ?? null, key, 100, presenting?.docName)
  const frames = framesOf(poster.scene)
  const view = presenting?.view ?? 'reading'

  const run = useCallback((p: Promise<unknown>) => {
    p.then(() => setError(null)).catch((err: Error) => setError(err.message))
  }, [])

  // biome-ignore lint/correctness/useExhaustiveDependencies: api is rebuilt each render from stable inputs
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return
      if (e.key === 'ArrowRight' || e.key === 'PageDown' || e.key === ' ') {
        e.preventDefault()
        run(api.next())
      } else if (e.key === 'ArrowLeft' || e.key === 'PageUp') {
        e.preventDefault()
        run(api.previous())
      } else if (presenting && /^[0-9]$/.test(e.key)) {
        const n = Number(e.key)
        const frame = n === 0 ? null : frames[n - 1]
        if (n === 0 || frame) run(api.present({ tableId: presenting.tableId, frameId: frame?.id ?? null }))
      } else if (presenting && (e.key === 'p' || e.key === 'P')) {
        run(
          api.present({
            tableId: presenting.tableId,
            frameId: presenting.frameId ?? null,
            view: view === 'reading' ? 'poster' : 'reading',
          }),
        )
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [presenting, view, frames.length, workshopId, key, run])

  if (!key) return <p className="page-center">{t('noAccess')}</p>
  return (
    <div className="presenter">
      <header className="presenter__bar">
        <h1 className="presenter__title">
          {presenting ? t('presenting', { table: presenting.tableName }) : t('presenterTitle')}
        </h1>
        <span className="presenter__phase">
          {control.roundTitle} {control.phase ? `· ${t(`phase_${control.phase}`)}` : ''}
        </span>
        <ReconnectingMark />
        <TimerDisplay timer={control.timer} />
      </header>
      <main className="presenter__stage" data-testid="presenter-stage">
        {presenting ? (
          <PresentedView
            poster={poster}
            view={view}
            frameId={presenting.frameId}
            tallies={control.tallies[presenting.posterId]}
            label={presenting.tableName}
            reference={PROJECTOR}
          />
        ) : (
          <p className="presenter__empty">{synced ? t('nothingPresented') : t('loading')}</p>
        )}
      </main>
      <nav className="presenter__controls" aria-label={t('presenterTitle')}>
        <div className="presenter__row">
          <button type="button" onClick={() => run(api.previous())}>
            ← {t('previous')}
          </button>
          <button type="button" onClick={() => run(api.next())}>
            {t('next')} →
          </button>
          <button type="button" disabled={!presenting} onClick={() => run(api.present({ tableId: null }))}>
            {t('stopPresenting')}
          </button>
        </div>
        <fieldset className="presenter__row" aria-label={t('tables')}>
          {control.currentRoundId && (
            <>
              <button
                type="button"
                aria-pressed={Boolean(presenting?.docName)}
                onClick={() =>
                  run(synthesisClient(workshopId, control.currentRoundId as string, key).present())
                }
                data-testid="present-synthesis"
              >
                {t('synthesis')}
              </button>
              <a
                href={`/w/${workshopId}/synthesis/${control.currentRoundId}#k=${key}`}
                target="_blank"
                rel="noreferrer"
              >
                {t('openSynthesis')}
              </a>
            </>
          )}
          {control.tables.map((table) => (
            <button
              type="button"
              key={table.tableId}
              aria-pressed={presenting?.tableId === table.tableId}
              onClick={() => run(api.present({ tableId: table.tableId }))}
            >
              {table.name}
            </button>
          ))}
        </fieldset>
        {presenting && (
          <fieldset className="presenter__row" aria-label={t('viewLabel')}>
            {(['reading', 'poster'] as const).map((v) => (
              <button
                type="button"
                key={v}
                aria-pressed={view === v}
                onClick={() =>
                  run(
                    api.present({
                      tableId: presenting.tableId,
                      frameId: presenting.frameId ?? null,
                      view: v,
                    }),
                  )
                }
              >
                {v === 'reading' ? t('readingView') : t('posterView')}
              </button>
            ))}
          </fieldset>
        )}
        {presenting && !presenting.docName && frames.length > 0 && (
          <fieldset className="presenter__row" aria-label={t('zoomTo')}>
            <button
              type="button"
              aria-pressed={!presenting.frameId}
              onClick={() => run(api.present({ tableId: presenting.tableId, frameId: null }))}
            >
              0 · {t('allQuestions')}
            </button>
            {frames.map((f, i) => (
              <button
                type="button"
                key={f.id}
                aria-pressed={presenting.frameId === f.id}
                onClick={() => run(api.present({ tableId: presenting.tableId, frameId: f.id }))}
              >
                {i + 1} · {f.kind === 'frame' ? f.name : ''}
              </button>
            ))}
          </fieldset>
        )}
        <p className="presenter__hint">{t('keysHint')}</p>
        {error && (
          <p className="presenter__error" role="alert">
            {error}
          </p>
        )}
      </nav>
    </div>
  )
}
