/** The rounds part of the workshop form: title, questions, template, minutes, homework source. */
import type { ReactNode } from 'react'
import type { TemplateName } from '../../shared/api'
import { MAX_QUESTIONS, MAX_ROUNDS } from '../../shared/api'
import { type Translate, useLang } from '../app/i18n'
import type { formMessages } from './formMessages'
import { newRound, type RoundDraft, TEMPLATES } from './workshopDraft'

type T = Translate<keyof (typeof formMessages)['en']>

function RoundEditor(props: {
  round: RoundDraft
  n: number
  earlier: RoundDraft[]
  t: T
  canRemove: boolean
  onChange: (r: RoundDraft) => void
  onRemove: () => void
}): ReactNode {
  const { round, n, t, onChange } = props
  const id = `round-${round.key}`
  const setQuestion = (i: number, value: string) =>
    onChange({ ...round, questions: round.questions.map((q, j) => (j === i ? value : q)) })
  return (
    <fieldset className="pl-card pl-round">
      <legend>{t('roundN', { n })}</legend>
      <div className="pl-field">
        <label htmlFor={`${id}-title`}>{t('roundTitle', { n })}</label>
        <input
          id={`${id}-title`}
          name={`round-${n}-title`}
          value={round.title}
          onChange={(e) => onChange({ ...round, title: e.target.value })}
          maxLength={200}
          required
        />
      </div>
      <div className="pl-stack pl-questions">
        <span className="pl-label">{t('questions')}</span>
        {round.questions.map((q, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: questions are plain strings edited in place
          <div className="pl-copy" key={i}>
            <label htmlFor={`${id}-q${i}`} className="pl-visually-hidden">
              {t('questionN', { n: i + 1 })}
            </label>
            <input
              id={`${id}-q${i}`}
              name={`round-${n}-question-${i + 1}`}
              value={q}
              placeholder={t('questionN', { n: i + 1 })}
              onChange={(e) => setQuestion(i, e.target.value)}
              maxLength={500}
            />
            <button
              type="button"
              className="pl-button pl-small"
              aria-label={t('removeQuestion', { n: i + 1 })}
              title={t('removeQuestion', { n: i + 1 })}
              onClick={() => onChange({ ...round, questions: round.questions.filter((_, j) => j !== i) })}
            >
              ✕
            </button>
          </div>
        ))}
        {round.questions.length < MAX_QUESTIONS ? (
          <button
            type="button"
            className="pl-link"
            onClick={() => onChange({ ...round, questions: [...round.questions, ''] })}
          >
            + {t('addQuestion')}
          </button>
        ) : null}
      </div>
      <div className="pl-grid">
        <div className="pl-field">
          <label htmlFor={`${id}-template`}>{t('template')}</label>
          <select
            id={`${id}-template`}
            value={round.template}
            onChange={(e) => onChange({ ...round, template: e.target.value as TemplateName })}
          >
            {TEMPLATES.map((name) => (
              <option key={name} value={name}>
                {t(`template.${name}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="pl-field">
          <label htmlFor={`${id}-minutes`}>{t('minutes')}</label>
          <input
            id={`${id}-minutes`}
            type="number"
            min={1}
            max={600}
            value={round.minutes}
            onChange={(e) => onChange({ ...round, minutes: Math.max(1, Number(e.target.value) || 1) })}
          />
        </div>
        {props.earlier.length > 0 ? (
          <div className="pl-field">
            <label htmlFor={`${id}-copy`}>{t('copyFrom')}</label>
            <select
              id={`${id}-copy`}
              value={round.copyFrom}
              onChange={(e) => onChange({ ...round, copyFrom: e.target.value })}
            >
              <option value="">{t('copyNone')}</option>
              {props.earlier.map((r, i) => (
                <option key={r.key} value={r.key}>
                  {t('copyRound', { n: i + 1, title: r.title })}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      {props.canRemove ? (
        <button type="button" className="pl-button pl-small pl-danger pl-end" onClick={props.onRemove}>
          {t('removeRound', { n })}
        </button>
      ) : null}
    </fieldset>
  )
}

/** Editor of the list of rounds. */
export function RoundsEditor(props: {
  rounds: RoundDraft[]
  t: T
  onChange: (rounds: RoundDraft[]) => void
}) {
  const { rounds, t, onChange } = props
  const lang = useLang()
  const remove = (key: string) =>
    onChange(
      rounds.filter((r) => r.key !== key).map((r) => (r.copyFrom === key ? { ...r, copyFrom: '' } : r)),
    )
  return (
    <section className="pl-stack" aria-labelledby="rounds-heading">
      <h2 id="rounds-heading">{t('rounds')}</h2>
      {rounds.map((round, i) => (
        <RoundEditor
          key={round.key}
          round={round}
          n={i + 1}
          earlier={rounds.slice(0, i)}
          t={t}
          canRemove={rounds.length > 1}
          onChange={(next) => onChange(rounds.map((r) => (r.key === round.key ? next : r)))}
          onRemove={() => remove(round.key)}
        />
      ))}
      {rounds.length < MAX_ROUNDS ? (
        <button
          type="button"
          className="pl-button pl-add"
          onClick={() => onChange([...rounds, newRound(rounds.length + 1, lang)])}
        >
          + {t('addRound')}
        </button>
      ) : null}
    </section>
  )
}
