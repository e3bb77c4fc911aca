/**
 * Every note of the round, question by question, for pulling copies into the synthesis: one
 * note at a time or all of a question at once. A pulled note says so; pulling again keeps one copy.
 */
import type { ReactNode } from 'react'
import type { RoundNote } from '../../shared/synthesisApi'
import { useMessages } from '../app/i18n'
import type { SynthesisClient } from './synthesisClient'
import { synthesisMessages } from './synthesisMessages'

/** The notes panel. */
export function NotesPanel(props: {
  api: SynthesisClient
  notes: RoundNote[]
  questions: string[]
  onMessage(text: string | null, error?: boolean): void
  onChanged(): void
}): ReactNode {
  const t = useMessages(synthesisMessages)
  const groups = [
    ...props.questions.map((q, i) => ({ index: i as number | null, title: `${i + 1}. ${q}` })),
    { index: null, title: t('outside') },
  ]
    .map((g) => ({ ...g, notes: props.notes.filter((n) => n.questionIndex === g.index) }))
    .filter((g) => g.notes.length > 0 || g.index !== null)

  const run = async (call: () => Promise<{ pulled: number }>) => {
    try {
      const { pulled } = await call()
      props.onMessage(t('pulledN', { n: pulled }))
      props.onChanged()
    } catch (err) {
      props.onMessage((err as Error).message, true)
    }
  }

  return (
    <section className="synthesis__section" aria-label={t('notesTab')}>
      {groups.map((g) => (
        <div key={g.title} className="synthesis__question" data-testid="synthesis-question">
          <div className="synthesis__row">
            <h3>{g.title}</h3>
            {g.index !== null && g.notes.length > 0 && (
              <button
                type="button"
                className="pl-button"
                onClick={() => run(() => props.api.pull({ question: g.index as number }))}
                data-testid="pull-question"
              >
                {t('pullAll', { n: g.notes.length })}
              </button>
            )}
          </div>
          {g.notes.length === 0 ? (
            <p className="synthesis__muted">{t('noNotes')}</p>
          ) : (
            <ul className="synthesis__notes">
              {g.notes.map((n) => (
                <li key={`${n.posterId}/${n.noteId}`} className="synthesis__note" data-testid="round-note">
                  <span>
                    {n.text} <small>{n.tableName}</small>
                  </span>
                  <button
                    type="button"
                    className="pl-button"
                    disabled={n.pulled}
                    onClick={() =>
                      run(() => props.api.pull({ notes: [{ posterId: n.posterId, noteId: n.noteId }] }))
                    }
                    data-testid="pull-note"
                  >
                    {n.pulled ? t('pulled') : t('pull')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </section>
  )
}
