/** Asks for a display name on the first visit to a poster, so cursors carry names. */
import { type FormEvent, type ReactNode, useState } from 'react'
import { useMessages } from '../app/i18n'
import { posterMessages } from './messages'
import { cleanName } from './posterUser'

/** A small modal form; `onDone` gets the name, or an empty string when skipped. */
export function NamePrompt({ onDone }: { onDone: (name: string) => void }): ReactNode {
  const t = useMessages(posterMessages)
  const [name, setName] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onDone(cleanName(name))
  }
  return (
    <div className="poster-modal">
      <form className="poster-modal__card card" onSubmit={submit} aria-labelledby="name-prompt-title">
        <h2 id="name-prompt-title">{t('namePromptTitle')}</h2>
        <p className="muted">{t('namePromptText')}</p>
        <label className="field">
          <span>{t('nameLabel')}</span>
          <input
            name="name"
            autoComplete="nickname"
            maxLength={40}
            // biome-ignore lint/a11y/noAutofocus: the dialog exists only to ask this one question
            autoFocus
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <div className="poster-modal__actions">
          <button type="button" className="button button--secondary" onClick={() => onDone('')}>
            {t('nameSkip')}
          </button>
          <button type="submit" className="button" disabled={cleanName(name) === ''}>
            {t('nameSubmit')}
          </button>
        </div>
      </form>
    </div>
  )
}
