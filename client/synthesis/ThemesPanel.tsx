/**
 * Suggested themes for the facilitator: ask the server to group the round's notes (or one
 * question's), then accept, rename, merge or drop each suggestion. Accepting lays the theme out
 * on the synthesis poster as a frame with copies of its notes.
 */
import { type ReactNode, useState } from 'react'
import type { NoteRef, RoundNote, SuggestedThemeView } from '../../shared/synthesisApi'
import { useMessages } from '../app/i18n'
import type { SynthesisClient } from './synthesisClient'
import { synthesisMessages } from './synthesisMessages'

interface Draft extends SuggestedThemeView {
  key: number
  selected: boolean
}

const refKey = (r: NoteRef) => `${r.posterId}/${r.noteId}`

/** The themes panel. */
export function ThemesPanel(props: {
  api: SynthesisClient
  notes: RoundNote[]
  questions: string[]
  onMessage(text: string | null, error?: boolean): void
  onChanged(): void
}): ReactNode {
  const t = useMessages(synthesisMessages)
  const [scope, setScope] = useState<string>('all')
  const [lexicon, setLexicon] = useState('')
  const [drafts, setDrafts] = useState<Draft[]>([])
  const [busy, setBusy] = useState(false)
  const byRef = new Map(props.notes.map((n) => [refKey(n), n]))

  const suggest = async () => {
    setBusy(true)
    const question = scope === 'all' ? undefined : Number(scope)
    const count = props.notes.filter((n) => question === undefined || n.questionIndex === question).length
    props.onMessage(t('suggesting', { n: count }))
    try {
      const res = await props.api.suggest({ question, lexicon: lexicon.trim() || undefined })
      setDrafts(res.themes.map((theme, key) => ({ ...theme, key, selected: false })))
      props.onMessage(
        res.themes.length === 0
          ? t('noSuggestions')
          : `${t('suggested', { themes: res.themes.length, notes: count, ms: res.tookMs })} ${res.unsorted.length ? t('unsorted', { n: res.unsorted.length }) : ''}`,
      )
    } catch (err) {
      props.onMessage((err as Error).message, true)
    } finally {
      setBusy(false)
    }
  }

  const update = (key: number, change: Partial<Draft>) =>
    setDrafts((list) => list.map((d) => (d.key === key ? { ...d, ...change } : d)))
  const drop = (key: number) => setDrafts((list) => list.filter((d) => d.key !== key))

  const merge = () =>
    setDrafts((list) => {
      const chosen = list.filter((d) => d.selected)
      if (chosen.length < 2) return list
      const seen = new Set<string>()
      const notes = chosen.flatMap((d) => d.notes).filter((n) => !seen.has(refKey(n)) && seen.add(refKey(n)))
      const merged: Draft = { ...chosen[0], notes, selected: false }
      return list
        .filter((d) => !d.selected || d.key === merged.key)
        .map((d) => (d.key === merged.key ? merged : d))
    })

  const accept = async (draft: Draft) => {
    try {
      await props.api.accept(draft.label.trim() || draft.terms.join(' · '), draft.notes)
      drop(draft.key)
      props.onMessage(t('accepted', { label: draft.label }))
      props.onChanged()
    } catch (err) {
      props.onMessage((err as Error).message, true)
    }
  }

  return (
    <section className="synthesis__section" aria-label={t('themesTab')}>
      <div className="synthesis__row">
        <label>
          {t('suggestScope')}{' '}
          <select value={scope} onChange={(e) => setScope(e.target.value)} data-testid="suggest-scope">
            <option value="all">{t('wholeRound')}</option>
            {props.questions.map((q, i) => (
              <option key={q} value={String(i)}>
                {t('questionN', { n: i + 1 })}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="pl-button pl-primary"
          onClick={suggest}
          disabled={busy}
          data-testid="suggest"
        >
          {t('suggest')}
        </button>
      </div>
      <details className="synthesis__lexicon">
        <summary>{t('lexicon')}</summary>
        <textarea
          value={lexicon}
          onChange={(e) => setLexicon(e.target.value)}
          rows={3}
          placeholder="BI = Power BI, Qlik"
        />
      </details>
      {drafts.filter((d) => d.selected).length >= 2 && (
        <button type="button" className="pl-button" onClick={merge} data-testid="merge-themes">
          {t('merge')}
        </button>
      )}
      <ol className="synthesis__themes">
        {drafts.map((d) => (
          <li key={d.key} className="synthesis__theme" data-testid="suggested-theme">
            <div className="synthesis__row">
              <input
                type="checkbox"
                checked={d.selected}
                onChange={(e) => update(d.key, { selected: e.target.checked })}
                aria-label={t('select')}
              />
              <input
                className="synthesis__label"
                value={d.label}
                onChange={(e) => update(d.key, { label: e.target.value })}
                aria-label={t('label')}
                data-testid="theme-label"
              />
            </div>
            <ul className="synthesis__theme-notes">
              {d.notes.map((n) => {
                const note = byRef.get(refKey(n))
                return (
                  <li key={refKey(n)}>
                    {note?.text ?? n.noteId} <small>({note?.tableName})</small>
                  </li>
                )
              })}
            </ul>
            <div className="synthesis__row">
              <button
                type="button"
                className="pl-button pl-primary"
                onClick={() => accept(d)}
                data-testid="accept-theme"
              >
                {t('accept')}
              </button>
              <button
                type="button"
                className="pl-button"
                onClick={() => drop(d.key)}
                data-testid="drop-theme"
              >
                {t('drop')}
              </button>
            </div>
          </li>
        ))}
      </ol>
    </section>
  )
}
