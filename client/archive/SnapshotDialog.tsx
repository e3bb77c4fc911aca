/**
 * A snapshot opened from the timeline: the read-only canvas, its downloads, and "restore as
 * copy" into a table of a round that has not started, or as a standalone poster.
 */
import { useEffect, useState } from 'react'
import type { WorkshopView } from '../../shared/api'
import { apiFetch } from '../app/api'
import { useLang, useMessages } from '../app/i18n'
import {
  downloadPoster,
  loadPosterFile,
  type PosterFormat,
  type SnapshotSummary,
  tldrPath,
} from './archiveApi'
import { archiveMessages } from './archiveMessages'
import { formatTime } from './PosterCard'
import { PosterViewer } from './PosterViewer'
import type { TldrawFileJson } from './renderPoster'

const FORMATS: PosterFormat[] = ['png', 'svg', 'pdf', 'tldr']

/** The snapshot dialog. */
export function SnapshotDialog(props: {
  workshop: WorkshopView
  snapshot: SnapshotSummary
  secret: string
  onClose: () => void
  onRestored: () => void
}) {
  const { workshop, snapshot, secret } = props
  const t = useMessages(archiveMessages)
  const lang = useLang()
  const [file, setFile] = useState<TldrawFileJson | null>(null)
  const [target, setTarget] = useState('standalone')
  const [result, setResult] = useState<{ ok: boolean; text: string; url?: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const path = tldrPath(workshop.id, { snapshotId: snapshot.id })
  const tableName = workshop.tables.find((x) => x.id === snapshot.tableId)?.name ?? ''
  const round = workshop.rounds.find((r) => r.id === snapshot.roundId)
  const when = formatTime(snapshot.createdAt, lang)

  const [loadError, setLoadError] = useState<string | null>(null)
  useEffect(() => {
    loadPosterFile(path, secret)
      .then(setFile)
      .catch((err: Error) => setLoadError(err.message))
  }, [path, secret])

  const draftTargets = workshop.rounds
    .filter((r) => r.phase === 'draft')
    .flatMap((r) =>
      workshop.tables.map((tb) => ({
        value: `${r.id}|${tb.id}`,
        label: t('restoreTable', { round: r.title, table: tb.name }),
      })),
    )

  const restore = async () => {
    setBusy(true)
    setResult(null)
    try {
      const [roundId, tableId] = target.split('|')
      const body = target === 'standalone' ? { target: 'standalone' } : { target: 'poster', roundId, tableId }
      const res = await apiFetch<{ docName: string; url: string | null }>(
        `/workshops/${encodeURIComponent(workshop.id)}/snapshots/${encodeURIComponent(snapshot.id)}/restore`,
        { method: 'POST', token: secret, body },
      )
      setResult({ ok: true, text: t('restoreDone'), url: res.url ?? undefined })
      props.onRestored()
    } catch (err) {
      setResult({ ok: false, text: t('restoreFailed', { message: (err as Error).message }) })
    } finally {
      setBusy(false)
    }
  }

  const download = async (format: PosterFormat) => {
    try {
      await downloadPoster(path, secret, format, [
        workshop.title,
        round?.title ?? '',
        tableName,
        snapshot.createdAt.slice(0, 16),
      ])
    } catch (err) {
      setResult({ ok: false, text: t('downloadFailed', { message: (err as Error).message }) })
    }
  }

  if (!file) {
    return loadError ? (
      <p role="alert" className="pl-error">
        {t('downloadFailed', { message: loadError })}
      </p>
    ) : null
  }
  return (
    <PosterViewer
      file={file}
      title={t('viewerTitle', { table: tableName, when })}
      onClose={props.onClose}
      closeLabel={t('close')}
    >
      {FORMATS.map((f) => (
        <button key={f} type="button" className="pl-button pl-small" onClick={() => download(f)}>
          {f === 'tldr' ? '.tldr' : f.toUpperCase()}
        </button>
      ))}
      <label className="ar-restore">
        {t('restoreInto')}{' '}
        <select value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="standalone">{t('restoreStandalone')}</option>
          {draftTargets.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="pl-button pl-small pl-primary" onClick={restore} disabled={busy}>
        {t('restore')}
      </button>
      {result ? (
        <span role={result.ok ? 'status' : 'alert'} className={result.ok ? 'pl-ok' : 'pl-error'}>
          {result.text}
          {result.url ? (
            <a href={result.url} target="_blank" rel="noreferrer">
              {t('openCopy')}
            </a>
          ) : null}
        </span>
      ) : null}
    </PosterViewer>
  )
}
