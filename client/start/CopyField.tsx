/** A read-only text field with a copy button, for links that must be passed on exactly. */
import { useId, useState } from 'react'
import { useMessages } from '../app/i18n'
import { linksMessages } from './linksMessages'

/** Copies text to the clipboard, falling back to a selection copy where the API is missing (plain http on a LAN). */
export async function copyText(text: string, input?: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    if (!input) return false
    input.select()
    return document.execCommand('copy')
  }
}

/** A labelled link with a copy button. */
export function CopyField({ label, value, testId }: { label: string; value: string; testId?: string }) {
  const t = useMessages(linksMessages)
  const id = useId()
  const [copied, setCopied] = useState(false)
  return (
    <div className="pl-field">
      <label htmlFor={id}>{label}</label>
      <div className="pl-copy">
        <input
          id={id}
          value={value}
          readOnly
          data-testid={testId}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button
          type="button"
          className="pl-button"
          aria-label={t('copyLabel', { what: label })}
          onClick={async () => {
            const ok = await copyText(value, document.getElementById(id) as HTMLInputElement | null)
            setCopied(ok)
            if (ok) setTimeout(() => setCopied(false), 2000)
          }}
        >
          {copied ? t('copied') : t('copy')}
        </button>
      </div>
    </div>
  )
}
