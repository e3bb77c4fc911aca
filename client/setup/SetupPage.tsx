/**
 * The organizer's set-up page (`/w/:workshopId/setup#k=ORGANIZER_KEY`): edit the workshop,
 * its rounds and tables; see links and join codes; print the table cards.
 */
import { useEffect, useState } from 'react'
import { clientPaths, type WorkshopView } from '../../shared/api'
import { deletionDate } from '../../shared/retention'
import { ApiError, apiFetch } from '../app/api'
import { readFragmentParam } from '../app/fragment'
import { useMessages } from '../app/i18n'
import { LanguageSwitch } from '../app/LanguageSwitch'
import type { PageProps } from '../app/matchRoute'
import { usePageTitle } from '../app/usePageTitle'
import { FollowUpPanel } from '../series/FollowUpPanel'
import { HomeworkPanel } from '../series/HomeworkPanel'
import { SeriesStory } from '../series/SeriesStory'
import { useServerInfo } from '../start/CreateKeyField'
import { loadLinks, saveLinks } from '../start/storedLinks'
import { WorkshopForm } from '../start/WorkshopForm'
import { TablesWithCodes, type WorkshopLinkSet } from '../start/WorkshopLinks'
import { draftFromWorkshop, draftToUpdateRequest, type WorkshopDraft } from '../start/workshopDraft'
import { downloadWithKey } from './downloadWithKey'
import { KeyLinks } from './KeyLinks'
import { setupMessages } from './setupMessages'
import '../join/pages.css'
import '../start/start.css'

/** The set-up page. */
export default function SetupPage({ params }: PageProps) {
  const { workshopId } = params
  const t = useMessages(setupMessages)
  const server = useServerInfo()
  const [key] = useState(() => readFragmentParam('k'))
  const [workshop, setWorkshop] = useState<WorkshopView | null>(null)
  const [draft, setDraft] = useState<WorkshopDraft | null>(null)
  const [loadError, setLoadError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null)
  const [cardsBusy, setCardsBusy] = useState(false)
  const [cardsError, setCardsError] = useState<string | null>(null)
  const [storedLinks, setStoredLinks] = useState<WorkshopLinkSet>(() => loadLinks(workshopId))
  usePageTitle(workshop ? `${t('pageTitle')} · ${workshop.title}` : t('pageTitle'))

  useEffect(() => {
    if (!key) return
    const abort = new AbortController()
    apiFetch<WorkshopView>(`/workshops/${encodeURIComponent(workshopId)}`, {
      token: key,
      signal: abort.signal,
    })
      .then((w) => {
        setWorkshop(w)
        setDraft(draftFromWorkshop(w))
      })
      .catch((err: unknown) => {
        if ((err as Error).name !== 'AbortError')
          setLoadError(err instanceof ApiError ? err : new ApiError(0, String(err)))
      })
    return () => abort.abort()
  }, [workshopId, key])

  const save = async () => {
    if (!draft || !key) return
    setBusy(true)
    setStatus(null)
    try {
      const path = `/workshops/${encodeURIComponent(workshopId)}`
      await apiFetch<unknown>(path, { method: 'PATCH', token: key, body: draftToUpdateRequest(draft) })
      const updated = await apiFetch<WorkshopView>(path, { token: key })
      setWorkshop(updated)
      setDraft(draftFromWorkshop(updated))
      setTimeout(() => setStatus(null), 4000)
      setStatus({ ok: true, text: t('saved') })
    } catch (err) {
      const e = err as ApiError
      setStatus({
        ok: false,
        text: t('saveFailed', { message: e.field ? `${e.message} (${e.field})` : e.message }),
      })
    } finally {
      setBusy(false)
    }
  }

  const printCards = async () => {
    if (!key) return
    setCardsBusy(true)
    setCardsError(null)
    try {
      const slug = (workshop?.title ?? 'workshop').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '')
      await downloadWithKey(
        `/workshops/${encodeURIComponent(workshopId)}/cards.pdf`,
        key,
        `${slug}-cards.pdf`,
      )
    } catch (err) {
      setCardsError(t('cardsFailed', { message: (err as Error).message }))
    } finally {
      setCardsBusy(false)
    }
  }

  const withKey = (path: string) => `${path}#k=${encodeURIComponent(key ?? '')}`
  const links = { ...storedLinks, organizerUrl: withKey(clientPaths.setup(workshopId)) }
  const keepRenewed = (role: 'facilitator' | 'screen', url: string) => {
    const next = { ...links, [role === 'facilitator' ? 'facilitatorUrl' : 'screenUrl']: url }
    saveLinks(workshopId, next)
    setStoredLinks(next)
  }

  return (
    <main className="pl-page">
      <header className="pl-bar">
        <span className="pl-brand">Plenum</span>
        <LanguageSwitch />
      </header>
      {!key ? (
        <p role="alert" className="pl-error">
          {t('noKey')}
        </p>
      ) : loadError ? (
        <p role="alert" className="pl-error">
          {loadError.status === 401 || loadError.status === 403 || loadError.status === 404
            ? t('denied')
            : t('failed', { message: loadError.message })}
        </p>
      ) : !workshop || !draft ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : (
        <div className="pl-stack">
          <h1>{t('heading', { title: workshop.title })}</h1>
          {server?.retentionDays != null ? (
            <p role="note">
              {t('retention', {
                date: deletionDate(workshop.date, server.retentionDays) ?? '',
                days: String(server.retentionDays),
              })}
            </p>
          ) : null}
          <nav className="pl-actions" aria-label={t('goTo')}>
            <button type="button" className="pl-button pl-primary" onClick={printCards} disabled={cardsBusy}>
              {cardsBusy ? t('cardsBusy') : t('cards')}
            </button>
            <a className="pl-button" href={withKey(clientPaths.wall(workshopId))}>
              {t('wall')}
            </a>
            <a className="pl-button" href={withKey(clientPaths.archive(workshopId))}>
              {t('archive')}
            </a>
          </nav>
          {cardsError ? (
            <p role="alert" className="pl-error">
              {cardsError}
            </p>
          ) : null}
          <TablesWithCodes
            code={workshop.code}
            tables={workshop.tables}
            posterHref={(tableId) => withKey(clientPaths.table(workshopId, tableId))}
          />
          <KeyLinks workshopId={workshopId} organizerKey={key} links={links} onRenewed={keepRenewed} />
          <WorkshopForm
            draft={draft}
            onChange={setDraft}
            onSubmit={save}
            submitLabel={busy ? t('saving') : t('save')}
            busy={busy}
            error={status && !status.ok ? status.text : null}
          >
            <span role="status" className="pl-ok">
              {status?.ok ? status.text : ''}
            </span>
          </WorkshopForm>
          <SeriesStory workshopId={workshopId} token={key} page="setup" canDelete canExport />
          <HomeworkPanel
            workshop={workshop}
            organizerKey={key}
            onOpened={() =>
              apiFetch<WorkshopView>(`/workshops/${encodeURIComponent(workshopId)}`, { token: key })
                .then((w) => {
                  setWorkshop(w)
                  setDraft(draftFromWorkshop(w))
                })
                .catch(() => {})
            }
          />
          <FollowUpPanel workshop={workshop} organizerKey={key} />
        </div>
      )}
    </main>
  )
}
