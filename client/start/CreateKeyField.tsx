/**
 * The creation key field of the start page, shown only when the server asks for one
 * (`CREATE_KEY`). The key is kept for this browser tab so it is typed once per visit.
 */
import { useEffect, useId, useState } from 'react'
import type { ServerInfo } from '../../shared/api'
import { ApiError, apiFetch } from '../app/api'
import { useMessages } from '../app/i18n'
import { startMessages } from './startMessages'

const STORAGE_KEY = 'plenum.createKey'

/** What the server says about itself, or null while loading or unreachable. */
export function useServerInfo(): ServerInfo | null {
  const [info, setInfo] = useState<ServerInfo | null>(null)
  useEffect(() => {
    apiFetch<ServerInfo>('/server').then(setInfo, () => setInfo(null))
  }, [])
  return info
}

/** The creation key typed in this tab, and its setter. */
export function useCreateKey(): [string, (key: string) => void] {
  const [key, setKey] = useState(() => sessionStorage.getItem(STORAGE_KEY) ?? '')
  const set = (value: string) => {
    setKey(value)
    sessionStorage.setItem(STORAGE_KEY, value)
  }
  return [key, set]
}

/** A translated message for a refusal about the creation key, or null for other errors. */
export function createKeyProblem(err: unknown, t: (key: 'createKeyMissing' | 'createKeyWrong') => string) {
  if (!(err instanceof ApiError) || err.field !== 'createKey') return null
  return err.status === 401 ? t('createKeyMissing') : t('createKeyWrong')
}

/** The password field for the creation key. */
export function CreateKeyField({ value, onChange }: { value: string; onChange: (key: string) => void }) {
  const t = useMessages(startMessages)
  const id = useId()
  return (
    <div className="pl-field pl-card">
      <label htmlFor={id}>{t('createKey')}</label>
      <input
        id={id}
        name="createKey"
        type="password"
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value.trim())}
        aria-describedby={`${id}-hint`}
      />
      <p id={`${id}-hint`} className="pl-muted">
        {t('createKeyHint')}
      </p>
    </div>
  )
}
