/**
 * Creating the next workshop of a series from the set-up page of the one before: its title,
 * date and place, its first round's questions, its tables, and which new table continues from
 * each group (regrouping). The new workshop's links are shown once and kept on this device.
 */
import { useId, useState } from 'react'
import type { CreateWorkshopResponse, WorkshopView } from '../../shared/api'
import type { FollowUpRequest } from '../../shared/seriesApi'
import { ApiError, apiFetch } from '../app/api'
import { ErrorLine } from '../app/ErrorLine'
import { useMessages } from '../app/i18n'
import { saveLinks } from '../start/storedLinks'
import { RoleLinks } from '../start/WorkshopLinks'
import { SeriesField } from './SeriesField'
import { seriesMessages } from './seriesMessages'

const lines = (text: string) =>
  text
    .split('\n')
    .map((q) => q.trim())
    .filter(Boolean)

/** The follow-up panel. */
export function FollowUpPanel({ workshop, organizerKey }: { workshop: WorkshopView; organizerKey: string }) {
  const t = useMessages(seriesMessages)
  const id = useId()
  const [title, setTitle] = useState('')
  const [date, setDate] = useState('')
  const [place, setPlace] = useState(workshop.place)
  const [roundTitle, setRoundTitle] = useState(workshop.rounds[0]?.title ?? '')
  const [questions, setQuestions] = useState('')
  const [tableCount, setTableCount] = useState(workshop.tables.length)
  const [groups, setGroups] = useState<number[]>(() => workshop.tables.map((tb) => tb.number))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [created, setCreated] = useState<CreateWorkshopResponse | null>(null)

  const submit = async (event: React.FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const sameTables = tableCount === workshop.tables.length
      const body: FollowUpRequest = {
        title: title.trim(),
        date,
        place: place.trim(),
        language: workshop.language,
        anonymousNotes: workshop.anonymousNotes,
        rounds: [{ title: roundTitle.trim() || title.trim(), questions: lines(questions) }],
        // The same number of tables keeps the groups' names and colours; another number starts afresh.
        ...(sameTables ? {} : { tables: tableCount }),
        groups: groups.map((n) => Math.min(n, tableCount)),
      }
      const response = await apiFetch<CreateWorkshopResponse>(
        `/workshops/${encodeURIComponent(workshop.id)}/follow-up`,
        { method: 'POST', token: organizerKey, body },
      )
      saveLinks(response.workshopId, {
        organizerUrl: response.organizerUrl,
        facilitatorUrl: response.facilitatorUrl,
        screenUrl: response.screenUrl,
      })
      setCreated(response)
    } catch (err) {
      setError(t('createFailed', { message: err instanceof ApiError ? err.message : String(err) }))
    } finally {
      setBusy(false)
    }
  }

  if (created) {
    return (
      <section className="pl-card pl-stack" data-testid="follow-up-panel">
        <h2>{t('followUp')}</h2>
        <p role="status" className="pl-ok">
          {t('created')}
        </p>
        <RoleLinks links={created} showWarning={false} />
        <a className="pl-button pl-primary" href={created.organizerUrl} data-testid="follow-up-setup">
          {t('openSetup')}
        </a>
      </section>
    )
  }
  return (
    <section className="pl-card pl-stack" aria-labelledby={`${id}-h`} data-testid="follow-up-panel">
      <h2 id={`${id}-h`}>{t('followUp')}</h2>
      <p className="pl-muted">{t('followUpIntro')}</p>
      <form className="pl-stack" onSubmit={submit}>
        <SeriesField label={t('title')} required maxLength={200} value={title} onChange={setTitle} />
        <div className="pl-grid">
          <SeriesField label={t('date')} type="date" required value={date} onChange={setDate} />
          <SeriesField label={t('place')} maxLength={200} value={place} onChange={setPlace} />
        </div>
        <SeriesField label={t('firstRound')} maxLength={200} value={roundTitle} onChange={setRoundTitle} />
        <SeriesField label={t('firstQuestions')} rows={3} value={questions} onChange={setQuestions} />
        <SeriesField
          label={t('tableCount')}
          type="number"
          min={1}
          max={60}
          value={tableCount}
          onChange={(v) => setTableCount(Math.max(1, Math.min(60, Number(v) || 1)))}
        />
        <fieldset className="pl-stack">
          <legend>{t('regroup')}</legend>
          {workshop.tables.map((table, i) => (
            <div className="pl-field" key={table.id}>
              <label htmlFor={`${id}-g${i}`}>{table.name}</label>
              <select
                id={`${id}-g${i}`}
                value={Math.min(groups[i] ?? 1, tableCount)}
                onChange={(e) => setGroups((g) => g.map((n, j) => (j === i ? Number(e.target.value) : n)))}
              >
                {Array.from({ length: tableCount }, (_, i) => i + 1).map((n) => (
                  <option key={n} value={n}>
                    {tableCount === workshop.tables.length
                      ? (workshop.tables[n - 1]?.name ?? t('newTable', { n }))
                      : t('newTable', { n })}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </fieldset>
        <ErrorLine error={error} />
        <div>
          <button type="submit" className="pl-button pl-primary" disabled={busy}>
            {busy ? t('creating') : t('create')}
          </button>
        </div>
      </form>
    </section>
  )
}
