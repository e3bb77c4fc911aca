/** "Import a workshop": uploads a workshop ZIP (from an archive export) as a new workshop. */
import { useId, useState } from 'react'
import type { CreateWorkshopResponse, ErrorBody } from '../../shared/api'
import { useMessages } from '../app/i18n'
import { startMessages } from './startMessages'

/** Sends the ZIP as the request body of `POST /api/import`. */
async function importZip(file: File): Promise<CreateWorkshopResponse> {
  const res = await fetch('/api/import', {
    method: 'POST',
    headers: { 'content-type': 'application/zip', accept: 'application/json' },
    body: file,
  })
  const body = (await res.json().catch(() => ({}))) as Partial<ErrorBody> & Partial<CreateWorkshopResponse>
  if (!res.ok) throw new Error(body.error ?? `${res.status} ${res.statusText}`)
  return body as CreateWorkshopResponse
}

/** A file picker that imports the chosen ZIP and reports the new workshop. */
export function ImportWorkshop({ onImported }: { onImported: (created: CreateWorkshopResponse) => void }) {
  const t = useMessages(startMessages)
  const id = useId()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  return (
    <div className="pl-field pl-import">
      <label htmlFor={id}>{busy ? t('importing') : t('import')}</label>
      <input
        id={id}
        type="file"
        accept=".zip,application/zip"
        disabled={busy}
        aria-describedby={`${id}-hint`}
        onChange={async (e) => {
          const file = e.currentTarget.files?.[0]
          e.currentTarget.value = ''
          if (!file) return
          setBusy(true)
          setError(null)
          try {
            onImported(await importZip(file))
          } catch (err) {
            setError(t('importFailed', { message: (err as Error).message }))
          } finally {
            setBusy(false)
          }
        }}
      />
      <p id={`${id}-hint`} className="pl-muted">
        {t('importHint')}
      </p>
      {error ? (
        <p role="alert" className="pl-error">
          {error}
        </p>
      ) : null}
    </div>
  )
}
