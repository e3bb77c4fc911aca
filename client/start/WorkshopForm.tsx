/** The workshop form shared by the start page (create) and the setup page (edit). */
import { type FormEvent, type ReactNode, useId } from 'react'
import type { Language } from '../../shared/api'
import { MAX_TABLES } from '../../shared/api'
import { useMessages } from '../app/i18n'
import { formMessages } from './formMessages'
import { RoundsEditor } from './RoundsEditor'
import { resizeTables, type WorkshopDraft } from './workshopDraft'

/** Props of the workshop form. */
export interface WorkshopFormProps {
  draft: WorkshopDraft
  onChange: (draft: WorkshopDraft) => void
  onSubmit: () => void
  submitLabel: string
  busy: boolean
  /** Shown above the submit button (a validation or server message). */
  error: string | null
  /** Extra content at the end of the form (e.g. a cancel link). */
  children?: ReactNode
}

/** Title, date, place, language, rounds and tables of a workshop. */
export function WorkshopForm(props: WorkshopFormProps) {
  const { draft, onChange } = props
  const t = useMessages(formMessages)
  const id = useId()
  const set = <K extends keyof WorkshopDraft>(key: K, value: WorkshopDraft[K]) =>
    onChange({ ...draft, [key]: value })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    props.onSubmit()
  }
  return (
    <form className="pl-stack pl-form" onSubmit={submit} noValidate>
      <section className="pl-card pl-stack" aria-labelledby={`${id}-ws`}>
        <h2 id={`${id}-ws`}>{t('workshop')}</h2>
        <div className="pl-field">
          <label htmlFor={`${id}-title`}>{t('title')}</label>
          <input
            id={`${id}-title`}
            name="title"
            value={draft.title}
            placeholder={t('titleHint')}
            onChange={(e) => set('title', e.target.value)}
            maxLength={200}
            required
          />
        </div>
        <div className="pl-grid">
          <div className="pl-field">
            <label htmlFor={`${id}-date`}>{t('date')}</label>
            <input
              id={`${id}-date`}
              name="date"
              type="date"
              value={draft.date}
              onChange={(e) => set('date', e.target.value)}
              required
            />
          </div>
          <div className="pl-field">
            <label htmlFor={`${id}-place`}>{t('place')}</label>
            <input
              id={`${id}-place`}
              name="place"
              value={draft.place}
              placeholder={t('placeHint')}
              onChange={(e) => set('place', e.target.value)}
              maxLength={200}
            />
          </div>
          <div className="pl-field">
            <label htmlFor={`${id}-lang`}>{t('language')}</label>
            <select
              id={`${id}-lang`}
              name="language"
              value={draft.language}
              onChange={(e) => set('language', e.target.value as Language)}
            >
              <option value="da">{t('da')}</option>
              <option value="en">{t('en')}</option>
            </select>
          </div>
        </div>
        <label className="pl-check">
          <input
            type="checkbox"
            name="anonymousNotes"
            checked={draft.anonymousNotes}
            onChange={(e) => set('anonymousNotes', e.target.checked)}
          />
          {t('anonymous')}
        </label>
      </section>

      <RoundsEditor rounds={draft.rounds} t={t} onChange={(rounds) => set('rounds', rounds)} />

      <section className="pl-stack" aria-labelledby={`${id}-tables`}>
        <h2 id={`${id}-tables`}>{t('tables')}</h2>
        <div className="pl-card pl-stack">
          <div className="pl-field pl-count">
            <label htmlFor={`${id}-count`}>{t('tableCount')}</label>
            <input
              id={`${id}-count`}
              name="tableCount"
              type="number"
              min={1}
              max={MAX_TABLES}
              value={draft.tables.length}
              onChange={(e) => set('tables', resizeTables(draft.tables, Number(e.target.value)))}
            />
          </div>
          <p className="pl-muted">{t('tablesHint')}</p>
          <div className="pl-grid">
            {draft.tables.map((table, i) => (
              <div className="pl-field" key={table.key}>
                <label htmlFor={`${id}-table-${table.key}`}>{t('tableName', { n: i + 1 })}</label>
                <input
                  id={`${id}-table-${table.key}`}
                  value={table.name}
                  placeholder={t('tableNameHint', { n: i + 1 })}
                  maxLength={80}
                  onChange={(e) =>
                    set(
                      'tables',
                      draft.tables.map((x) => (x.key === table.key ? { ...x, name: e.target.value } : x)),
                    )
                  }
                />
              </div>
            ))}
          </div>
        </div>
      </section>

      {props.error ? (
        <p role="alert" className="pl-error">
          {props.error}
        </p>
      ) : null}
      <div className="pl-row">
        <button type="submit" className="pl-button pl-primary pl-big" disabled={props.busy}>
          {props.submitLabel}
        </button>
        {props.children}
      </div>
    </form>
  )
}
