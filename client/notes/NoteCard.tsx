/** One note in the notes-only list: read-only for others' notes, editable for mine. */
import { useId, useState } from 'react'
import type { Translate } from '../app/i18n'
import type { notesMessages } from './notesMessages'
import type { NoteItem } from './posterNotes'

type T = Translate<keyof (typeof notesMessages)['en']>

/** Dot voting on one note, while a vote runs. */
export interface NoteVote {
  total: number
  mine: number
  canAdd: boolean
  onAdd: () => void
  onRemove: () => void
}

function VoteControls({ vote, t }: { vote: NoteVote; t: T }) {
  return (
    <div className="pl-vote">
      <span className="pl-dots" aria-hidden="true">
        {'●'.repeat(Math.min(vote.total, 12))}
      </span>
      <span className="pl-note-by">
        {vote.total === 1
          ? t('dotsTotalOne', { mine: vote.mine })
          : t('dotsTotal', { n: vote.total, mine: vote.mine })}
      </span>
      <span className="pl-row">
        <button
          type="button"
          className="pl-button pl-small"
          onClick={vote.onRemove}
          disabled={vote.mine === 0}
        >
          {t('removeDot')}
        </button>
        <button
          type="button"
          className="pl-button pl-small pl-primary"
          onClick={vote.onAdd}
          disabled={!vote.canAdd}
        >
          {t('addDot')}
        </button>
      </span>
    </div>
  )
}

/** A note, with edit and delete when it is mine and the poster is writable, and dots while voting. */
export function NoteCard(props: {
  note: NoteItem
  mine: boolean
  writable: boolean
  /** Written on this device and not yet confirmed by the server (offline, or on its way). */
  waiting?: boolean
  vote?: NoteVote | null
  t: T
  onSave: (text: string) => void
  onDelete: () => void
}) {
  const { note, mine, writable, t } = props
  const [editing, setEditing] = useState(false)
  const [draft, setDraft] = useState(note.text)
  const editId = useId()
  const by = mine ? t('mine') : note.authorName ? t('byOther', { name: note.authorName }) : t('anonymous')

  if (editing) {
    return (
      <li className="pl-note is-mine">
        <form
          className="pl-stack"
          onSubmit={(e) => {
            e.preventDefault()
            if (draft.trim()) props.onSave(draft.trim())
            setEditing(false)
          }}
        >
          <label htmlFor={editId} className="pl-visually-hidden">
            {t('editLabel')}
          </label>
          <textarea id={editId} value={draft} onChange={(e) => setDraft(e.target.value)} maxLength={2000} />
          <div className="pl-row">
            <button type="submit" className="pl-button pl-primary pl-small" disabled={!draft.trim()}>
              {t('save')}
            </button>
            <button type="button" className="pl-button pl-small" onClick={() => setEditing(false)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      </li>
    )
  }
  return (
    <li className={mine ? 'pl-note is-mine' : 'pl-note'} data-waiting={props.waiting ? 'true' : 'false'}>
      <p className="pl-note-text">{note.text}</p>
      <div className="pl-note-foot">
        <span className="pl-note-by">{by}</span>
        {props.waiting ? <span className="pl-note-waiting">{t('waiting')}</span> : null}
        {mine && writable ? (
          <span className="pl-row">
            <button
              type="button"
              className="pl-button pl-small"
              onClick={() => {
                setDraft(note.text)
                setEditing(true)
              }}
            >
              {t('edit')}
            </button>
            <button type="button" className="pl-button pl-small pl-danger" onClick={props.onDelete}>
              {t('delete')}
            </button>
          </span>
        ) : null}
      </div>
      {props.vote ? <VoteControls vote={props.vote} t={t} /> : null}
    </li>
  )
}
