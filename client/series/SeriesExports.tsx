/**
 * Downloads of a whole series from the set-up and archive pages: the report PDF and the CSV of
 * every note in the order of the story, and the series ZIP the start page imports again as a series. Both cover
 * this workshop and the workshops that follow it (what its organizer key reaches).
 */
import { useId, useState } from 'react'
import type { SeriesView } from '../../shared/seriesApi'
import { ErrorLine } from '../app/ErrorLine'
import { useLang, useMessages } from '../app/i18n'
import { seriesMessages } from './seriesMessages'
import { storedOrganizerKey } from './seriesReport'

async function download(path: string, token: string, fallbackName: string): Promise<void> {
  const res = await fetch(`/api${path}`, { headers: { authorization: `Bearer ${token}` } })
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string }
    throw new Error(body.error ?? `${res.status} ${res.statusText}`)
  }
  // The server names the file (Danish letters in `filename*`).
  const named = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')
  save(await res.blob(), named ? decodeURIComponent(named[1]) : fallbackName)
}

/** Hands a blob to the browser as a download. */
function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name.replace(/[\\/:*?"<>|]+/g, '-')
  document.body.append(a)
  a.click()
  a.remove()
  // Revoked later: some browsers start reading the blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/** The series download buttons for the organizer of `workshopId`. */
export function SeriesExports({
  workshopId,
  token,
  series,
}: {
  workshopId: string
  token: string
  series: SeriesView
}) {
  const t = useMessages(seriesMessages)
  const lang = useLang()
  const id = useId()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null)
  const start = Math.max(
    0,
    series.workshops.findIndex((w) => w.workshopId === workshopId),
  )
  const included = series.workshops.slice(start)
  const titles = included.map((w) => w.title).join(' → ')
  const members = included.map((w) => ({
    workshopId: w.workshopId,
    key: w.workshopId === workshopId ? token : storedOrganizerKey(w.workshopId),
  }))
  const missing = included.filter((_, i) => !members[i].key).map((w) => w.title)
  const report = async () => {
    setBusy(true)
    setError(null)
    setProgress({ done: 0, total: 1 })
    try {
      const { buildSeriesReport } = await import('./seriesReport')
      const bytes = await buildSeriesReport(members, (done, total) => setProgress({ done, total }))
      save(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), `${titles}.pdf`)
    } catch (err) {
      setError(t('exportFailed', { message: (err as Error).message }))
    } finally {
      setBusy(false)
      setProgress(null)
    }
  }
  const run = async (path: string, name: string) => {
    setBusy(true)
    setError(null)
    try {
      await download(`/workshops/${encodeURIComponent(workshopId)}/export/${path}`, token, name)
    } catch (err) {
      setError(t('exportFailed', { message: (err as Error).message }))
    } finally {
      setBusy(false)
    }
  }
  // Excel reads a comma-separated file as one column where the decimal mark is a comma (Danish).
  const delimiter = lang === 'da' ? 'semicolon' : 'comma'
  return (
    <div className="pl-stack" data-testid="series-exports">
      <p className="pl-muted">{t('exportHint', { titles })}</p>
      <div className="pl-series-actions">
        <button
          type="button"
          className="pl-button"
          disabled={busy || missing.length > 0}
          aria-describedby={missing.length > 0 ? `${id}-missing` : undefined}
          onClick={report}
        >
          {t('seriesReport')}
        </button>
        <button
          type="button"
          className="pl-button"
          disabled={busy}
          onClick={() => run('series.zip', 'plenum-serie.zip')}
        >
          {busy ? t('exporting') : t('exportSeries')}
        </button>
        <button
          type="button"
          className="pl-button"
          disabled={busy}
          onClick={() => run(`series-notes.csv?delimiter=${delimiter}`, 'plenum-serie.csv')}
        >
          {t('seriesCsv')}
        </button>
      </div>
      {missing.length > 0 ? (
        <p id={`${id}-missing`} className="pl-muted">
          {t('seriesReportNeedsLinks', { titles: missing.join(', ') })}
        </p>
      ) : null}
      {progress ? (
        <p className="pl-muted" aria-live="polite">
          {t('seriesReportBusy', progress)}
        </p>
      ) : null}
      <ErrorLine error={error} />
    </div>
  )
}
