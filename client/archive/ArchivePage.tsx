/**
 * The organizer's archive (`/w/:workshopId/archive#k=ORGANIZER_KEY`): per round, every
 * table's poster as a thumbnail with its snapshots on a timeline; open a snapshot read-only,
 * restore it as a copy; download posters (PNG, SVG, PDF, .tldr) and the whole workshop
 * (report PDF, CSV, Markdown, ZIP).
 */
import { useCallback, useEffect, useState } from 'react'
import { clientPaths, type WorkshopView } from '../../shared/api'
import { ApiError, apiFetch } from '../app/api'
import { readFragmentParam } from '../app/fragment'
import { useMessages } from '../app/i18n'
import { LanguageSwitch } from '../app/LanguageSwitch'
import type { PageProps } from '../app/matchRoute'
import { usePageTitle } from '../app/usePageTitle'
import { presentMessages } from '../present/presentMessages'
import { SeriesStory } from '../series/SeriesStory'
import { listSnapshots, loadPosterFile, type SnapshotSummary, tldrPath } from './archiveApi'
import { archiveMessages } from './archiveMessages'
import { PosterCard } from './PosterCard'
import type { TldrawFileJson } from './renderPoster'
import { SnapshotDialog } from './SnapshotDialog'
import { WorkshopDownloads } from './WorkshopDownloads'
import '../join/pages.css'
import './archive.css'

/** The archive page. */
export default function ArchivePage({ params }: PageProps) {
  const { workshopId } = params
  const t = useMessages(archiveMessages)
  const phaseName = useMessages(presentMessages)
  const [secret] = useState(() => readFragmentParam('k'))
  const [workshop, setWorkshop] = useState<WorkshopView | null>(null)
  const [snapshots, setSnapshots] = useState<SnapshotSummary[]>([])
  const [files, setFiles] = useState<Record<string, TldrawFileJson>>({})
  const [loadError, setLoadError] = useState<ApiError | null>(null)
  const [open, setOpen] = useState<SnapshotSummary | null>(null)
  usePageTitle(workshop ? `${t('pageTitle')} · ${workshop.title}` : t('pageTitle'))

  const reload = useCallback(async () => {
    if (!secret) return
    try {
      const w = await apiFetch<WorkshopView>(`/workshops/${encodeURIComponent(workshopId)}`, {
        token: secret,
      })
      if (w.role !== 'organizer') throw new ApiError(403, 'organizer key needed')
      setWorkshop(w)
      setSnapshots(await listSnapshots(workshopId, secret))
    } catch (err) {
      setLoadError(err instanceof ApiError ? err : new ApiError(0, String(err)))
    }
  }, [workshopId, secret])

  useEffect(() => {
    void reload()
  }, [reload])

  // Thumbnails load one poster at a time, so a big workshop does not flood the server.
  useEffect(() => {
    if (!workshop || !secret) return
    let cancelled = false
    ;(async () => {
      for (const p of workshop.posters) {
        if (cancelled) return
        try {
          const file = await loadPosterFile(tldrPath(workshop.id, { posterId: p.id }), secret)
          if (!cancelled) setFiles((prev) => ({ ...prev, [p.id]: file }))
        } catch {
          // The card keeps its placeholder; downloads report their own errors.
        }
      }
    })()
    return () => {
      cancelled = true
    }
  }, [workshop, secret])

  const refreshSnapshots = async () => {
    if (secret) setSnapshots(await listSnapshots(workshopId, secret))
  }

  return (
    <main className="pl-page ar-page">
      <header className="pl-bar">
        <span className="pl-brand">Plenum</span>
        <LanguageSwitch />
      </header>
      {!secret ? (
        <p role="alert" className="pl-error">
          {t('noKey')}
        </p>
      ) : loadError ? (
        <p role="alert" className="pl-error">
          {[401, 403, 404].includes(loadError.status)
            ? t('denied')
            : t('failed', { message: loadError.message })}
        </p>
      ) : !workshop ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : (
        <div className="pl-stack">
          <h1>{t('heading', { title: workshop.title })}</h1>
          <p className="pl-muted">
            {[workshop.date, workshop.place].filter(Boolean).join(' · ')} ·{' '}
            <a href={`${clientPaths.setup(workshop.id)}#k=${encodeURIComponent(secret)}`}>
              {t('backToSetup')}
            </a>
          </p>
          <SeriesStory workshopId={workshop.id} token={secret} page="archive" canExport />
          <WorkshopDownloads workshop={workshop} secret={secret} />
          {workshop.rounds.map((round) => (
            <section key={round.id} className="ar-round" aria-labelledby={`ar-round-${round.id}`}>
              <h2 id={`ar-round-${round.id}`}>
                {t('round', { n: round.index + 1, title: round.title })}{' '}
                <small className="pl-muted">
                  {t('phase', { phase: phaseName(`phase_${round.phase}` as 'phase_draft') })}
                </small>
              </h2>
              <div className="ar-posters">
                {workshop.tables.map((table) => {
                  const poster = workshop.posters.find(
                    (p) => p.roundId === round.id && p.tableId === table.id,
                  )
                  if (!poster) return null
                  return (
                    <PosterCard
                      key={poster.id}
                      workshop={workshop}
                      round={round}
                      poster={poster}
                      tableName={table.name}
                      secret={secret}
                      file={files[poster.id] ?? null}
                      snapshots={snapshots.filter((s) => s.posterId === poster.id)}
                      onOpen={setOpen}
                      onSnapshotTaken={refreshSnapshots}
                    />
                  )
                })}
              </div>
            </section>
          ))}
        </div>
      )}
      {open && workshop && secret ? (
        <SnapshotDialog
          key={open.id}
          workshop={workshop}
          snapshot={open}
          secret={secret}
          onClose={() => setOpen(null)}
          onRestored={() => void reload()}
        />
      ) : null}
    </main>
  )
}
