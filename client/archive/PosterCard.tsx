/**
 * One table's poster of one round in the archive: a thumbnail, downloads, "take snapshot",
 * and the poster's snapshots on a timeline; a snapshot opens read-only in the viewer.
 */
import { useState } from 'react'
import type { PosterView, RoundView, WorkshopView } from '../../shared/api'
import { ApiError, apiFetch } from '../app/api'
import { useLang, useMessages } from '../app/i18n'
import { PosterSvg } from '../render/PosterSvg'
import { buildPosterScene } from '../render/posterScene'
import { downloadPoster, type PosterFormat, type SnapshotSummary, tldrPath } from './archiveApi'
import { archiveMessages } from './archiveMessages'
import type { TldrawFileJson } from './renderPoster'

const FORMATS: PosterFormat[] = ['png', 'svg', 'pdf', 'tldr']

/** Formats a time for the timeline in the page's language. */
export function formatTime(iso: string, lang: string): string {
  return new Date(iso).toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  })
}

/** Props of `PosterCard`. */
export interface PosterCardProps {
  workshop: WorkshopView
  round: RoundView
  poster: PosterView
  tableName: string
  secret: string
  file: TldrawFileJson | null
  snapshots: SnapshotSummary[]
  onOpen: (snapshot: SnapshotSummary) => void
  onSnapshotTaken: () => void
}

/** A poster's card. */
export function PosterCard(props: PosterCardProps) {
  const { workshop, round, poster, tableName, secret, file, snapshots } = props
  const t = useMessages(archiveMessages)
  const lang = useLang()
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const name = [workshop.title, round.title, tableName]

  const download = async (
    format: PosterFormat,
    source: { posterId: string } | { snapshotId: string },
    suffix = '',
  ) => {
    setBusy(format)
    setError(null)
    try {
      await downloadPoster(tldrPath(workshop.id, source), secret, format, suffix ? [...name, suffix] : name)
    } catch (err) {
      setError(t('downloadFailed', { message: (err as Error).message }))
    } finally {
      setBusy(null)
    }
  }

  const take = async () => {
    setBusy('snapshot')
    setError(null)
    try {
      await apiFetch(`/workshops/${encodeURIComponent(workshop.id)}/snapshots`, {
        method: 'POST',
        token: secret,
        body: { posterId: poster.id },
      })
      props.onSnapshotTaken()
    } catch (err) {
      setError(t('downloadFailed', { message: err instanceof ApiError ? err.message : String(err) }))
    } finally {
      setBusy(null)
    }
  }

  return (
    <article
      className="pl-card ar-poster"
      data-testid={`poster-${poster.id}`}
      aria-label={`${round.title} · ${tableName}`}
    >
      <h3>{tableName}</h3>
      <div className="ar-thumb">
        {file ? (
          <PosterSvg scene={buildPosterScene(file.records as never)} label={tableName} />
        ) : (
          <span className="pl-muted">…</span>
        )}
      </div>
      <fieldset className="ar-formats">
        <legend className="pl-muted">{t('livePoster')}</legend>
        {FORMATS.map((f) => (
          <button
            key={f}
            type="button"
            className="pl-button pl-small"
            disabled={busy !== null}
            onClick={() => download(f, { posterId: poster.id })}
          >
            {f === 'tldr' ? '.tldr' : f.toUpperCase()}
          </button>
        ))}
      </fieldset>
      <h4>{t('snapshots')}</h4>
      {snapshots.length === 0 ? (
        <p className="pl-muted">{t('noSnapshots')}</p>
      ) : (
        <ol className="ar-timeline">
          {snapshots.map((s) => (
            <li key={s.id}>
              <button type="button" className="pl-link" onClick={() => props.onOpen(s)}>
                {formatTime(s.createdAt, lang)} · {t(`reason_${s.reason}`)} · {t('notes', { n: s.noteCount })}
              </button>
            </li>
          ))}
        </ol>
      )}
      <button type="button" className="pl-button pl-small" onClick={take} disabled={busy !== null}>
        {busy === 'snapshot' ? t('taking') : t('takeSnapshot')}
      </button>
      {error ? (
        <p role="alert" className="pl-error">
          {error}
        </p>
      ) : null}
    </article>
  )
}
