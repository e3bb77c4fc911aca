/**
 * The start page: what Plenum is, the form that creates a workshop (then its links and join
 * codes), a blank sandbox poster to try, and the way in for participants.
 */
import { useState } from 'react'
import { type CreateWorkshopResponse, clientPaths, createWorkshopRequestSchema } from '../../shared/api'
import type { ImportedArchive } from '../../shared/seriesApi'
import { ApiError, apiFetch } from '../app/api'
import { getLang, useMessages } from '../app/i18n'
import { LanguageSwitch } from '../app/LanguageSwitch'
import type { PageProps } from '../app/matchRoute'
import { Link, navigate } from '../app/router'
import { CreateKeyField, createKeyProblem, useCreateKey, useServerInfo } from './CreateKeyField'
import { formMessages } from './formMessages'
import { ImportWorkshop } from './ImportWorkshop'
import { startMessages } from './startMessages'
import { saveLinks } from './storedLinks'
import { WorkshopForm } from './WorkshopForm'
import { RoleLinks, TablesWithCodes } from './WorkshopLinks'
import { draftToCreateRequest, emptyDraft, type WorkshopDraft } from './workshopDraft'
import '../join/pages.css'
import './start.css'
import { sandboxDocName } from '../../shared/docNames'

/** A random sandbox document name: 16 url-safe characters. */
export function randomSandboxDocName(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return sandboxDocName(Array.from(bytes, (b) => alphabet[b % alphabet.length]).join(''))
}

/** The start page. */
export default function StartPage(_props: PageProps) {
  const t = useMessages(startMessages)
  const tf = useMessages(formMessages)
  const [draft, setDraft] = useState<WorkshopDraft>(() => emptyDraft(getLang()))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [created, setCreated] = useState<ImportedArchive | null>(null)
  /** How many workshops the last import brought (0: none, the page shows a created one). */
  const [wasImported, setWasImported] = useState(0)
  const server = useServerInfo()
  const [createKey, setCreateKey] = useCreateKey()
  const keyToSend = server?.createKeyRequired ? createKey : null

  const create = async () => {
    if (!draft.title.trim()) {
      setError(tf('required'))
      return
    }
    const body = draftToCreateRequest(draft)
    const parsed = createWorkshopRequestSchema.safeParse(body)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      setError(t('invalid', { message: issue.message, field: issue.path.join('.') }))
      return
    }
    setBusy(true)
    setError(null)
    try {
      const res = await apiFetch<CreateWorkshopResponse>('/workshops', {
        method: 'POST',
        body,
        token: keyToSend,
      })
      saveLinks(res.workshopId, res)
      setCreated(res)
      window.scrollTo(0, 0)
    } catch (err) {
      const message =
        err instanceof ApiError && err.field ? `${err.message} (${err.field})` : (err as Error).message
      setError(createKeyProblem(err, t) ?? t('failed', { message }))
    } finally {
      setBusy(false)
    }
  }

  return (
    <main className="pl-page">
      <header className="pl-bar">
        <span className="pl-brand">Plenum</span>
        <LanguageSwitch />
      </header>
      {created ? (
        <div className="pl-stack">
          <h1>
            {wasImported > 1
              ? t('importedSeries', { count: wasImported })
              : wasImported
                ? t('imported')
                : t('created')}
          </h1>
          {wasImported ? null : <p className="pl-lead">{draft.title}</p>}
          <p>{t('createdLead')}</p>
          <div className="pl-row">
            <a
              className="pl-button pl-primary"
              href={`${clientPaths.setup(created.workshopId)}#k=${encodeURIComponent(created.organizerKey)}`}
            >
              {t('toSetup')}
            </a>
            <button
              type="button"
              className="pl-button"
              onClick={() => {
                setCreated(null)
                setWasImported(0)
                setDraft(emptyDraft(getLang()))
              }}
            >
              {t('another')}
            </button>
          </div>
          <RoleLinks links={created} showWarning />
          <TablesWithCodes code={created.code} tables={created.tables} />
          {/* An imported series: the later workshops' links, shown only here like the first's. */}
          {(created.series ?? []).slice(1).map((w, i) => (
            <section key={w.workshopId} className="pl-stack" data-testid="imported-series-workshop">
              <h2 className="pl-section-title">{t('seriesWorkshop', { n: i + 2 })}</h2>
              <RoleLinks links={w} showWarning={false} />
            </section>
          ))}
        </div>
      ) : (
        <div className="pl-stack">
          <h1>Plenum</h1>
          <p className="pl-lead">{t('lead')}</p>
          <div className="pl-row">
            {server?.sandbox === false ? null : (
              <button
                type="button"
                className="pl-button"
                onClick={() => navigate(`/p/${randomSandboxDocName()}`)}
              >
                {t('sandbox')}
              </button>
            )}
            <Link to="/join" className="pl-button">
              {t('join')}
            </Link>
          </div>
          {server?.sandbox === false ? null : <p className="pl-muted">{t('sandboxHint')}</p>}
          <h2 className="pl-section-title">{t('create')}</h2>
          {server?.createKeyRequired ? <CreateKeyField value={createKey} onChange={setCreateKey} /> : null}
          <WorkshopForm
            draft={draft}
            onChange={setDraft}
            onSubmit={create}
            submitLabel={busy ? t('creating') : t('create')}
            busy={busy}
            error={error}
          />
          <ImportWorkshop
            createKey={keyToSend}
            onImported={(res) => {
              // A series: every workshop's links, so the series story links each of them.
              for (const w of res.series ?? [res]) saveLinks(w.workshopId, w)
              setWasImported(res.series ? res.series.length : 1)
              setCreated(res)
              window.scrollTo(0, 0)
            }}
          />
        </div>
      )}
    </main>
  )
}
