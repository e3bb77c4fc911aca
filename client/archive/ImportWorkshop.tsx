/**
 * "Import workshop" on the start page: uploads a workshop ZIP exported from an archive and
 * hands the new workshop's links (new keys) to the page, like creating one does.
 */
import { useId, useState } from 'react'
import type { CreateWorkshopResponse, ErrorBody } from '../../shared/api'
import { useMessages } from '../app/i18n'
import { saveLinks } from '../start/storedLinks'
import { archiveMessages } from './archiveMessages'

/** The import form. */
export function ImportWorkshop(props: { onImported: (created: CreateWorkshopResponse) => void }) {
  const t = useMessages(archiveMessages)
  const inputId = useId()
  const [file, setFile] = useState<File | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const upload = async () => {
    if (!file) return
    setBusy(true)
    setError(null)
    try {
      const res = await fetch('/api/import', {
        method: 'POST',
        headers: { 'content-type': 'application/zip' },
        body: file,
      })
      const body = (await res.json().catch(() => ({}))) as Partial<ErrorBody> & Partial<CreateWorkshopResponse>
      if (!res.ok) throw new Error(body.error ?? `${res.status} ${res.statusText}`)
      const created = body as CreateWorkshopResponse
      saveLinks(created.workshopId, created)
      props.onImported(created)
    } catch (err) {
      setError(t('importFailed', { message: (err as Error).message }))
    } finally {
      setBusy(false)
    }
  }

  return (
    <details className="pl-card" data-testid="import-workshop">
      <summary>{t('importHeading')}</summary>
      <p className="pl-muted">{t('importHelp')}</p>
      <div className="pl-row">
        <label htmlFor={inputId} className="pl-visually-hidden">
          {t('importHeading')}
        </label>
        <input
          id={inputId}
          type="file"
          accept=".zip,application/zip"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <button type="button" className="pl-button" onClick={upload} disabled={!file || busy}>
          {busy ? t('importing') : t('importButton')}
        </button>
      </div>
      {error ? (
        <p role="alert" className="pl-error">
          {error}
        </p>
      ) : null}
    </details>
  )
}
