/**
 * Downloads of a whole workshop: the report PDF and the full ZIP (built here, with a progress
 * bar), and the CSV, Markdown and data-only ZIP the server builds.
 */
import { useState } from 'react'
import type { WorkshopView } from '../../shared/api'
import { useMessages } from '../app/i18n'
import { fetchWithKey, fileName, saveBlob } from './archiveApi'
import { archiveMessages } from './archiveMessages'

function size(bytes: number): string {
  return bytes > 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`
}

/** The "whole workshop" download buttons. */
export function WorkshopDownloads(props: { workshop: WorkshopView; secret: string }) {
  const { workshop, secret } = props
  const t = useMessages(archiveMessages)
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null)
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [progressLabel, setProgressLabel] = useState<'reportBusy' | 'zipBusy'>('reportBusy')
  // Excel reads a comma-separated file as one column where the decimal mark is a comma (Danish).
  const [delimiter, setDelimiter] = useState<'semicolon' | 'comma'>(
    workshop.language === 'da' ? 'semicolon' : 'comma',
  )

  const report = async () => {
    setBusy('report')
    setStatus(null)
    setProgressLabel('reportBusy')
    setProgress({ done: 0, total: workshop.posters.length + 2 })
    try {
      // pdf-lib and the font engine load only when a report is asked for.
      const { buildWorkshopReport } = await import('./workshopReport')
      const bytes = await buildWorkshopReport(workshop, secret, (done, total) => setProgress({ done, total }))
      saveBlob(
        new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }),
        fileName([workshop.title], 'pdf'),
      )
      setStatus({ ok: true, text: t('reportDone', { size: size(bytes.byteLength) }) })
    } catch (err) {
      setStatus({ ok: false, text: t('downloadFailed', { message: (err as Error).message }) })
    } finally {
      setBusy(null)
      setProgress(null)
    }
  }

  const fullZip = async () => {
    setBusy('fullZip')
    setStatus(null)
    setProgressLabel('zipBusy')
    setProgress({ done: 0, total: workshop.posters.length * 2 + 3 })
    try {
      // The renderer, pdf-lib and the font engine load only when they are needed.
      const { buildFullWorkshopZip } = await import('./fullWorkshopExport')
      const bytes = await buildFullWorkshopZip(workshop, secret, (done, total) =>
        setProgress({ done, total }),
      )
      saveBlob(
        new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
        fileName([workshop.title], 'zip'),
      )
      setStatus({ ok: true, text: t('zipDone', { size: size(bytes.byteLength) }) })
    } catch (err) {
      setStatus({ ok: false, text: t('downloadFailed', { message: (err as Error).message }) })
    } finally {
      setBusy(null)
      setProgress(null)
    }
  }

  const serverFile = async (what: 'csv' | 'md' | 'zip') => {
    setBusy(what)
    setStatus(null)
    const path = { csv: `notes.csv?delimiter=${delimiter}`, md: 'summary.md', zip: 'workshop.zip' }[what]
    try {
      const res = await fetchWithKey(`/workshops/${encodeURIComponent(workshop.id)}/export/${path}`, secret)
      saveBlob(await res.blob(), fileName([workshop.title], what))
    } catch (err) {
      setStatus({ ok: false, text: t('downloadFailed', { message: (err as Error).message }) })
    } finally {
      setBusy(null)
    }
  }

  return (
    <section className="pl-card ar-downloads" aria-labelledby="ar-downloads">
      <h2 id="ar-downloads">{t('workshopDownloads')}</h2>
      <div className="pl-actions">
        <button type="button" className="pl-button pl-primary" onClick={report} disabled={busy !== null}>
          {t('report')}
        </button>
        <span className="ar-csv">
          <button
            type="button"
            className="pl-button"
            onClick={() => serverFile('csv')}
            disabled={busy !== null}
          >
            {t('csv')}
          </button>
          <label className="ar-delimiter">
            <span>{t('csvDelimiter')}</span>
            <select value={delimiter} onChange={(e) => setDelimiter(e.target.value as 'semicolon' | 'comma')}>
              <option value="semicolon">{t('csvSemicolon')}</option>
              <option value="comma">{t('csvComma')}</option>
            </select>
          </label>
        </span>
        <button type="button" className="pl-button" onClick={() => serverFile('md')} disabled={busy !== null}>
          {t('markdown')}
        </button>
        <button type="button" className="pl-button" onClick={fullZip} disabled={busy !== null}>
          {t('zip')}
        </button>
        <button
          type="button"
          className="pl-button"
          onClick={() => serverFile('zip')}
          disabled={busy !== null}
        >
          {t('zipData')}
        </button>
      </div>
      {progress ? (
        <div className="ar-progress">
          <progress
            max={progress.total}
            value={progress.done}
            aria-label={t(progressLabel === 'zipBusy' ? 'zip' : 'report')}
          />
          <span aria-live="polite">{t(progressLabel, { done: progress.done, total: progress.total })}</span>
        </div>
      ) : null}
      {status ? (
        <p role={status.ok ? 'status' : 'alert'} className={status.ok ? 'pl-ok' : 'pl-error'}>
          {status.text}
        </p>
      ) : null}
    </section>
  )
}
