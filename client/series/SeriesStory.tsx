/**
 * A workshop series as one story — workshop 1 → homework → workshop 2 — on the set-up and
 * archive pages. Each other workshop links to its own page when this device knows its
 * organizer link (keys are never shown again by the server). The organizer may export or delete
 * this workshop with every workshop that follows it.
 */
import { useEffect, useId, useState } from 'react'
import { clientPaths } from '../../shared/api'
import { formatWhen } from '../../shared/homeworkLetter'
import type { SeriesView } from '../../shared/seriesApi'
import { apiFetch } from '../app/api'
import { useLang, useMessages } from '../app/i18n'
import { forgetLinks, loadLinks } from '../start/storedLinks'
import { SeriesExports } from './SeriesExports'
import { seriesMessages } from './seriesMessages'
import './series.css'

/** Where a link to another workshop of the series goes. */
export type SeriesPage = 'setup' | 'archive'

/** The series of `workshopId`; shown only when it has more than one workshop or homework. */
export function SeriesStory({
  workshopId,
  token,
  page,
  canDelete = false,
  canExport = false,
}: {
  workshopId: string
  token: string
  page: SeriesPage
  canDelete?: boolean
  /** Offer the series downloads (the organizer's key). */
  canExport?: boolean
}) {
  const t = useMessages(seriesMessages)
  const lang = useLang()
  const id = useId()
  const [series, setSeries] = useState<SeriesView | null>(null)
  const [deleted, setDeleted] = useState(false)

  useEffect(() => {
    const abort = new AbortController()
    apiFetch<SeriesView>(`/workshops/${encodeURIComponent(workshopId)}/series`, {
      token,
      signal: abort.signal,
    })
      .then(setSeries)
      .catch(() => {})
    return () => abort.abort()
  }, [workshopId, token])

  if (deleted) {
    return (
      <p role="status" className="pl-ok">
        {t('deleted')}
      </p>
    )
  }
  if (!series) return null
  const alone = series.workshops.length <= 1 && !series.workshops[0]?.homework
  if (alone) return null
  const self = series.workshops.find((w) => w.workshopId === workshopId)
  const hrefOf = (otherId: string) => {
    const organizer = loadLinks(otherId).organizerUrl
    if (!organizer) return null
    const key = new URL(organizer, location.origin).hash
    return `${page === 'setup' ? clientPaths.setup(otherId) : clientPaths.archive(otherId)}${key}`
  }
  const remove = async () => {
    if (!self || !window.confirm(t('deleteConfirm', { title: self.title }))) return
    await apiFetch<unknown>(`/workshops/${encodeURIComponent(workshopId)}/series`, {
      method: 'DELETE',
      token,
    })
    const start = series.workshops.findIndex((w) => w.workshopId === workshopId)
    for (const w of series.workshops.slice(start)) forgetLinks(w.workshopId)
    setDeleted(true)
  }
  return (
    <section className="pl-card pl-stack" aria-labelledby={`${id}-h`} data-testid="series-story">
      <h2 id={`${id}-h`}>{t('series')}</h2>
      <p className="pl-muted">{t('seriesIntro')}</p>
      <ol className="pl-series">
        {series.workshops.map((w) => {
          const href = w.workshopId === workshopId ? null : hrefOf(w.workshopId)
          return (
            <li key={w.workshopId} data-testid="series-entry">
              <strong>{href ? <a href={href}>{w.title}</a> : w.title}</strong>{' '}
              <span className="pl-muted">
                {[w.date, w.place].filter(Boolean).join(', ')}{' '}
                {w.workshopId === workshopId ? t('thisWorkshop') : ''}
              </span>
              {w.homework ? (
                <div className="pl-muted">
                  → {w.homework.title}:{' '}
                  {w.homework.closed
                    ? t('homeworkClosed')
                    : t('homeworkUntil', { when: formatWhen(w.homework.closesAt, lang) })}
                </div>
              ) : null}
            </li>
          )
        })}
      </ol>
      {canExport ? <SeriesExports workshopId={workshopId} token={token} series={series} /> : null}
      {canDelete ? (
        <div>
          <button type="button" className="pl-button pl-danger" onClick={remove}>
            {t('deleteSeries')}
          </button>
        </div>
      ) : null}
    </section>
  )
}
