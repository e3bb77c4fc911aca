/** One note in the notes-only list: read-only for others' notes, editable for mine. */
import { useId, useState } from 'react'
import type { Translate } from '../app/i18n'
import type { notesMessages } from './notesMessages'
import type { NoteItem } from './posterNotes'

type T = Translate<keyof (typeof notesMessages)['en']>

/** A note, with edit and delete when it is mine and the poster is writable. */
export function NoteCard(props: {
  note: NoteItem
  mine: boolean
  writable: boolean
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
    <li className={mine ? 'pl-note is-mine' : 'pl-note'}>
      <p className="pl-note-text">{note.text}</p>
      <div className="pl-note-foot">
        <span className="pl-note-by">{by}</span>
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
    </li>
  )
}
