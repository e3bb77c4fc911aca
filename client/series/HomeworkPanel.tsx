/**
 * The organizer's homework panel on the set-up page: open homework until a deadline, then see
 * per group what changed since the workshop and send each group its link (copy the e-mail
 * text, or open it in the mail program). Closes by itself on the server at the deadline.
 */
import { useCallback, useEffect, useId, useState } from 'react'
import type { WorkshopView } from '../../shared/api'
import { formatWhen, homeworkLetter, mailtoHref } from '../../shared/homeworkLetter'
import type { HomeworkStatus, HomeworkView, OpenHomeworkRequest } from '../../shared/seriesApi'
import { ApiError, apiFetch } from '../app/api'
import { ErrorLine } from '../app/ErrorLine'
import { useLang, useMessages } from '../app/i18n'
import { copyText } from '../start/CopyField'
import { HomeworkMailForm } from './HomeworkMailForm'
import { SeriesField } from './SeriesField'
import { seriesMessages } from './seriesMessages'
import './series.css'

/** How often the panel refreshes what the groups did while homework is open. */
const REFRESH_MS = 15_000

/** `YYYY-MM-DDTHH:mm` for a datetime-local field, two weeks from now at 22:00 local time. */
function defaultDeadline(): string {
  const d = new Date(Date.now() + 14 * 86_400_000)
  d.setHours(22, 0, 0, 0)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T22:00`
}

/** Fetches the homework status of a workshop, again every `REFRESH_MS` while it is open. */
export function useHomeworkStatus(
  workshopId: string,
  token: string | null,
): [HomeworkStatus | null, () => void] {
  const [status, setStatus] = useState<HomeworkStatus | null>(null)
  const [tick, setTick] = useState(0)
  const reload = useCallback(() => setTick((n) => n + 1), [])
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` asks for a fresh read.
  useEffect(() => {
    if (!token) return
    const abort = new AbortController()
    apiFetch<HomeworkStatus>(`/workshops/${encodeURIComponent(workshopId)}/homework`, {
      token,
      signal: abort.signal,
    })
      .then(setStatus)
      .catch(() => {})
    return () => abort.abort()
  }, [workshopId, token, tick])
  const open = status?.homework && !status.homework.closed
  useEffect(() => {
    if (!open) return
    const timer = setInterval(reload, REFRESH_MS)
    return () => clearInterval(timer)
  }, [open, reload])
  return [status, reload]
}

/** The homework panel. */
export function HomeworkPanel({
  workshop,
  organizerKey,
  onOpened,
}: {
  workshop: WorkshopView
  organizerKey: string
  onOpened?: (homework: HomeworkView) => void
}) {
  const t = useMessages(seriesMessages)
  const lang = useLang()
  const id = useId()
  const [status, reload] = useHomeworkStatus(workshop.id, organizerKey)
  const [title, setTitle] = useState(() => t('homeworkTitleDefault'))
  const [questions, setQuestions] = useState('')
  const [closes, setCloses] = useState(defaultDeadline)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [copied, setCopied] = useState<string | null>(null)

  const open = async (event: React.FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const body: OpenHomeworkRequest = {
        title: title.trim() || undefined,
        questions: questions
          .split('\n')
          .map((q) => q.trim())
          .filter(Boolean),
        closesAt: new Date(closes).toISOString(),
      }
      const homework = await apiFetch<HomeworkView>(
        `/workshops/${encodeURIComponent(workshop.id)}/homework`,
        {
          method: 'POST',
          token: organizerKey,
          body,
        },
      )
      onOpened?.(homework)
      reload()
    } catch (err) {
      const e = err as ApiError
      setError(t('openFailed', { message: e instanceof ApiError ? e.message : String(err) }))
    } finally {
      setBusy(false)
    }
  }

  const homework = status?.homework ?? null
  return (
    <section className="pl-card pl-stack" aria-labelledby={`${id}-h`} data-testid="homework-panel">
      <h2 id={`${id}-h`}>{t('homework')}</h2>
      {!homework || homework.closed ? <p className="pl-muted">{t('homeworkIntro')}</p> : null}
      {homework ? (
        <p role="status" data-testid="homework-state">
          {homework.closed
            ? t('closedAt', { when: formatWhen(homework.closesAt, lang) })
            : t('openUntil', { when: formatWhen(homework.closesAt, lang) })}
        </p>
      ) : null}
      {homework ? (
        <div className="pl-scroll">
          <table className="pl-table pl-cards-narrow">
            <thead>
              <tr>
                <th scope="col">{t('group')}</th>
                <th scope="col">{t('changes')}</th>
                <th scope="col">{t('link')}</th>
              </tr>
            </thead>
            <tbody>
              {workshop.tables.map((table) => {
                const changes = status?.tables.find((c) => c.tableId === table.id)
                const url = table.joinUrl ? new URL(table.joinUrl, location.origin).href : ''
                const letter = homeworkLetter(
                  {
                    workshopTitle: workshop.title,
                    groupName: table.name,
                    questions: homework.questions,
                    when: formatWhen(homework.closesAt, lang),
                    url,
                    joinUrl: `${location.host}/join`,
                    code: table.joinCode ?? '',
                  },
                  lang,
                )
                const any = changes && changes.added + changes.edited + changes.removed > 0
                return (
                  <tr
                    key={table.id}
                    data-testid="homework-row"
                    data-changed={any ? 'true' : 'false'}
                    data-colour={table.colour}
                  >
                    <th scope="row" data-colour={table.colour} className="pl-table-name">
                      {table.name}
                    </th>
                    <td
                      className={any ? 'pl-new' : 'pl-muted'}
                      data-testid="homework-changes"
                      data-label={t('changes')}
                    >
                      {any
                        ? t('changeCounts', {
                            added: changes.added,
                            edited: changes.edited,
                            removed: changes.removed,
                          })
                        : t('nothingYet')}
                      {any && changes.authors.length > 0
                        ? ` (${t('by', { names: changes.authors.join(', ') })})`
                        : ''}
                    </td>
                    <td className="pl-actions">
                      <button
                        type="button"
                        className="pl-button"
                        onClick={async () => {
                          if (await copyText(`${letter.subject}\n\n${letter.body}`)) {
                            setCopied(table.id)
                            setTimeout(() => setCopied(null), 2000)
                          }
                        }}
                      >
                        {copied === table.id ? t('copied') : t('copyText')}
                      </button>
                      <a className="pl-button" href={mailtoHref(letter)}>
                        {t('mail')}
                      </a>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {homework && !homework.closed && status?.canSendMail ? (
        <HomeworkMailForm workshop={workshop} organizerKey={organizerKey} />
      ) : null}
      {!homework || homework.closed ? (
        <form className="pl-stack" onSubmit={open}>
          <SeriesField label={t('homeworkTitle')} maxLength={200} value={title} onChange={setTitle} />
          <SeriesField label={t('homeworkQuestions')} rows={3} value={questions} onChange={setQuestions} />
          <SeriesField
            label={t('homeworkCloses')}
            type="datetime-local"
            required
            value={closes}
            onChange={setCloses}
          />
          <ErrorLine error={error} />
          <div>
            <button type="submit" className="pl-button pl-primary" disabled={busy}>
              {busy ? t('opening') : t('openHomework')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  )
}
