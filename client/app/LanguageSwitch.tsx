/** A control to switch between Danish and English, shown on every page that has chrome. */
import type { ReactNode } from 'react'
import { LANG_LABELS, LANGS, setLang, useLang, useMessages } from './i18n'
import { appMessages } from './messages'

/** Two toggle buttons, "Dansk" and "English"; the current one is pressed. */
export function LanguageSwitch({ className }: { className?: string }): ReactNode {
  const lang = useLang()
  const t = useMessages(appMessages)
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of toggle buttons, not a form fieldset
    <div className={`lang-switch ${className ?? ''}`} role="group" aria-label={t('language')}>
      {LANGS.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === lang}
          className={l === lang ? 'lang-switch__item is-current' : 'lang-switch__item'}
          onClick={() => setLang(l)}
        >
          {LANG_LABELS[l]}
        </button>
      ))}
    </div>
  )
}
