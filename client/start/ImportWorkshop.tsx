/**
 * "Import a workshop": uploads a workshop ZIP (from an archive export) as a new workshop, or a
 * series ZIP as a new series of workshops.
 */
import { useId, useState } from 'react'
import type { ErrorBody } from '../../shared/api'
import type { ImportedArchive } from '../../shared/seriesApi'
import { ApiError } from '../app/api'
import { ErrorLine } from '../app/ErrorLine'
import { useMessages } from '../app/i18n'
import { createKeyProblem } from './CreateKeyField'
import { startMessages } from './startMessages'

/** Sends the ZIP as the request body of `POST /api/import`. */
async function importZip(file: File, createKey: string | null): Promise<ImportedArchive> {
  const headers: Record<string, string> = { 'content-type': 'application/zip', accept: 'application/json' }
  if (createKey) headers.authorization = `Bearer ${createKey}`
  const res = await fetch('/api/import', { method: 'POST', headers, body: file })
  const body = (await res.json().catch(() => ({}))) as Partial<ErrorBody> & Partial<ImportedArchive>
  if (!res.ok) throw new ApiError(res.status, body.error ?? `${res.status} ${res.statusText}`, body.field)
  return body as ImportedArchive
}

/** A file picker that imports the chosen ZIP and reports the new workshop. */
export function ImportWorkshop({
  onImported,
  createKey,
}: {
  onImported: (created: ImportedArchive) => void
  /** The creation key, when the server asks for one. */
  createKey: string | null
}) {
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
            onImported(await importZip(file, createKey))
          } catch (err) {
            setError(createKeyProblem(err, t) ?? t('importFailed', { message: (err as Error).message }))
          } finally {
            setBusy(false)
          }
        }}
      />
      <p id={`${id}-hint`} className="pl-muted">
        {t('importHint')}
      </p>
      <ErrorLine error={error} />
    </div>
  )
}
