/**
 * Downloads of a whole series from the set-up and archive pages: the CSV of every note in the
 * order of the story, and the series ZIP the start page imports again as a series. Both cover
 * this workshop and the workshops that follow it (what its organizer key reaches).
 */
import { useState } from 'react'
import type { SeriesView } from '../../shared/seriesApi'
import { useLang, useMessages } from '../app/i18n'
import { seriesMessages } from './seriesMessages'

async function download(path: string, token: string, fallbackName: string): Promise<void> {
  const res = await fetch(`/api${path}`, { headers: { authorization: `Bearer ${token}` } })
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string }
    throw new Error(body.error ?? `${res.status} ${res.statusText}`)
  }
  // The server names the file (Danish letters in `filename*`).
  const named = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = named ? decodeURIComponent(named[1]) : fallbackName
  document.body.append(a)
  a.click()
  a.remove()
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
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const start = Math.max(
    0,
    series.workshops.findIndex((w) => w.workshopId === workshopId),
  )
  const titles = series.workshops
    .slice(start)
    .map((w) => w.title)
    .join(' → ')
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
      <div className="pl-actions">
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
      {error ? (
        <p role="alert" className="pl-error">
          {error}
        </p>
      ) : null}
    </div>
  )
}
