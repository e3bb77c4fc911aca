/**
 * The join page: code (typed, or from the table card's QR) → table → name → the table's poster.
 * Phone-first and deliberately light: React plus this folder, no canvas, no schema library.
 */
import { type FormEvent, useEffect, useId, useState } from 'react'
import type { JoinResponse, PublicWorkshop } from '../../shared/api'
import { apiFetch } from '../app/api'
import { useLang, useMessages } from '../app/i18n'
import { LanguageSwitch } from '../app/LanguageSwitch'
import type { PageProps } from '../app/matchRoute'
import { navigate } from '../app/router'
import { cleanName, loadPosterUser, savePosterUser } from '../poster/posterUser'
import { errorText } from './joinError'
import { joinMessages } from './joinMessages'
import { loadSession, type ParticipantSession, saveSession } from './session'
import './pages.css'

/** Where a joined participant goes: the poster, or the notes-only mode. */
export const participantPaths = {
  poster: (s: Pick<ParticipantSession, 'workshopId' | 'tableId'>) => `/w/${s.workshopId}/t/${s.tableId}`,
  notes: (s: Pick<ParticipantSession, 'workshopId' | 'tableId'>) => `/w/${s.workshopId}/t/${s.tableId}/notes`,
}

/** A `YYYY-MM-DD` date as people write it in the language ("26. november 2026"). */
export function formatDate(date: string, lang: string): string {
  const d = new Date(`${date}T12:00:00`)
  return Number.isNaN(d.getTime()) ? date : new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(d)
}

const isNarrow = () => typeof window !== 'undefined' && window.matchMedia('(max-width: 700px)').matches

/** The join page; `params.tableCode` comes from `/join/:tableCode` (the QR on a table card). */
export default function JoinPage({ params }: PageProps) {
  const tableCode = params.tableCode
  const t = useMessages(joinMessages)
  const lang = useLang()
  const ids = { code: useId(), name: useId(), error: useId() }
  const [code, setCode] = useState(tableCode ?? '')
  const [workshop, setWorkshop] = useState<PublicWorkshop | null>(null)
  const [tableId, setTableId] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [joined, setJoined] = useState<ParticipantSession | null>(null)

  const lookUp = async (value: string) => {
    const clean = value.trim().toUpperCase().replace(/[\s-]/g, '')
    if (clean.length < 4) {
      setError(t('unknownCode'))
      return
    }
    setBusy(true)
    setError(null)
    try {
      const found = await apiFetch<PublicWorkshop>(`/join/${encodeURIComponent(clean)}`)
      setWorkshop(found)
      setTableId(found.tableId)
      const previous = loadSession(found.workshopId)
      if (previous && !name) setName(previous.name)
    } catch (err) {
      setError(errorText(err, t))
    } finally {
      setBusy(false)
    }
  }

  // Arriving from a table card's QR code: look the code up straight away.
  // biome-ignore lint/correctness/useExhaustiveDependencies: run once for the code in the URL
  useEffect(() => {
    if (tableCode) void lookUp(tableCode)
  }, [tableCode])

  const go = (session: ParticipantSession) => {
    if (isNarrow()) setJoined(session)
    else navigate(participantPaths.poster(session))
  }

  const join = async (event: FormEvent) => {
    event.preventDefault()
    if (!workshop || !tableId || !name.trim()) return
    setBusy(true)
    setError(null)
    try {
      const res = await apiFetch<JoinResponse>('/join', {
        method: 'POST',
        body: { code: code.trim(), tableId, name: name.trim() },
      })
      const session: ParticipantSession = {
        token: res.token,
        participantId: res.participantId,
        workshopId: res.workshopId,
        tableId: res.tableId,
        tableName: res.tableName,
        name: name.trim(),
      }
      saveSession(session)
      // The canvas shows this name on my cursor too.
      savePosterUser({ ...loadPosterUser(), name: cleanName(session.name) })
      go(session)
    } catch (err) {
      setError(errorText(err, t))
    } finally {
      setBusy(false)
    }
  }

  const table = workshop?.tables.find((x) => x.id === tableId)
  const previous = workshop ? loadSession(workshop.workshopId) : null

  return (
    <main className="pl-page pl-narrow">
      <header className="pl-bar">
        <span className="pl-brand">Plenum</span>
        <LanguageSwitch />
      </header>
      <h1>{workshop ? workshop.title : t('title')}</h1>
      {joined ? (
        <section aria-labelledby="mode-heading" className="pl-stack">
          <p>{t('joinedAs', { name: joined.name, table: joined.tableName })}</p>
          <h2 id="mode-heading">{t('chooseMode')}</h2>
          <a className="pl-button pl-primary pl-big" href={participantPaths.notes(joined)}>
            {t('notesOnly')}
            <small>{t('notesOnlyHint')}</small>
          </a>
          <a className="pl-button pl-big" href={participantPaths.poster(joined)}>
            {t('fullPoster')}
            <small>{t('fullPosterHint')}</small>
          </a>
        </section>
      ) : !workshop ? (
        <form
          className="pl-stack"
          onSubmit={(e) => {
            e.preventDefault()
            void lookUp(code)
          }}
        >
          <p>{t('intro')}</p>
          <label htmlFor={ids.code}>{t('codeLabel')}</label>
          <input
            id={ids.code}
            className="pl-code-input"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            inputMode="text"
            maxLength={16}
            required
            aria-describedby={error ? ids.error : undefined}
            placeholder={t('codeHint')}
          />
          <button type="submit" className="pl-button pl-primary" disabled={busy}>
            {busy ? t('finding') : t('find')}
          </button>
        </form>
      ) : (
        <form className="pl-stack" onSubmit={join}>
          {workshop.date || workshop.place ? (
            <p className="pl-muted">
              {[formatDate(workshop.date, lang), workshop.place].filter(Boolean).join(' · ')}
            </p>
          ) : null}
          {workshop.tableId && table ? (
            <p className="pl-table-badge" data-colour={table.colour}>
              {table.name}
            </p>
          ) : (
            <fieldset className="pl-tables">
              <legend>{t('tableLabel')}</legend>
              {workshop.tables.map((x) => (
                <label key={x.id} className="pl-radio" data-colour={x.colour}>
                  <input
                    type="radio"
                    name="table"
                    value={x.id}
                    checked={tableId === x.id}
                    onChange={() => setTableId(x.id)}
                    required
                  />
                  {x.name}
                </label>
              ))}
            </fieldset>
          )}
          {previous && previous.tableId === tableId ? (
            <button type="button" className="pl-button" onClick={() => go(previous)}>
              {t('continueAs', { name: previous.name })}
            </button>
          ) : null}
          <label htmlFor={ids.name}>{t('nameLabel')}</label>
          <input
            id={ids.name}
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="given-name"
            maxLength={60}
            required
            aria-describedby={error ? ids.error : undefined}
            placeholder={t('nameHint')}
          />
          <button type="submit" className="pl-button pl-primary" disabled={busy || !tableId || !name.trim()}>
            {busy ? t('joining') : t('join')}
          </button>
          <button
            type="button"
            className="pl-link"
            onClick={() => {
              setWorkshop(null)
              setTableId(null)
              setError(null)
            }}
          >
            {t('otherCode')}
          </button>
        </form>
      )}
      {error ? (
        <p id={ids.error} role="alert" className="pl-error">
          {error}
        </p>
      ) : null}
    </main>
  )
}
