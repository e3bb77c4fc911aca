/**
 * Sending the homework letters from the server, shown only when it has an SMTP setting: the
 * organizer types each group's addresses (kept on this device, so nothing typed is lost when
 * sending fails) and sends one group's letter or every group's at once. The letter is the
 * same one the copy and e-mail buttons give.
 */
import { useId, useState } from 'react'
import type { WorkshopView } from '../../shared/api'
import type { SendLettersRequest, SendLettersResponse } from '../../shared/seriesApi'
import { ApiError, apiFetch } from '../app/api'
import { useLang, useMessages } from '../app/i18n'
import { seriesMessages } from './seriesMessages'

const storageKey = (workshopId: string) => `plenum.letters.${workshopId}`

function loadAddresses(workshopId: string): Record<string, string> {
  try {
    return JSON.parse(localStorage.getItem(storageKey(workshopId)) ?? '{}') as Record<string, string>
  } catch {
    return {}
  }
}

/** Addresses as typed: separated by commas, semicolons, spaces or line breaks. */
export function splitAddresses(text: string): string[] {
  return text.split(/[\s,;]+/).filter(Boolean)
}

/** The "send by e-mail" form of the homework panel. */
export function HomeworkMailForm({
  workshop,
  organizerKey,
}: {
  workshop: WorkshopView
  organizerKey: string
}) {
  const t = useMessages(seriesMessages)
  const lang = useLang()
  const id = useId()
  const [addresses, setAddresses] = useState(() => loadAddresses(workshop.id))
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null)

  const change = (tableId: string, text: string) => {
    const next = { ...addresses, [tableId]: text }
    setAddresses(next)
    try {
      localStorage.setItem(storageKey(workshop.id), JSON.stringify(next))
    } catch {
      // Without storage the addresses live as long as the page.
    }
  }

  const send = async (tableIds: string[]) => {
    const letters = tableIds
      .map((tableId) => ({ tableId, to: splitAddresses(addresses[tableId] ?? '') }))
      .filter((l) => l.to.length > 0)
    if (letters.length === 0) {
      setResult({ ok: false, text: t('noAddresses') })
      return
    }
    setBusy(true)
    setResult(null)
    try {
      const body: SendLettersRequest = {
        lang,
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        letters,
      }
      const res = await apiFetch<SendLettersResponse>(
        `/workshops/${encodeURIComponent(workshop.id)}/homework/letters`,
        { method: 'POST', token: organizerKey, body },
      )
      const names = res.sent.map((s) => workshop.tables.find((x) => x.id === s.tableId)?.name).join(', ')
      setResult({ ok: true, text: t('sentTo', { names }) })
    } catch (err) {
      setResult({
        ok: false,
        text: t('sendFailed', { message: err instanceof ApiError ? err.message : String(err) }),
      })
    } finally {
      setBusy(false)
    }
  }

  return (
    <fieldset className="pl-stack pl-mail" data-testid="homework-mail">
      <legend>{t('sendByMail')}</legend>
      <p className="pl-muted">{t('sendByMailHint')}</p>
      {workshop.tables.map((table) => (
        <div key={table.id} className="pl-field pl-mail-row">
          <label htmlFor={`${id}-${table.id}`}>{t('addressesOf', { group: table.name })}</label>
          <div className="pl-row">
            <input
              id={`${id}-${table.id}`}
              type="text"
              inputMode="email"
              autoComplete="off"
              placeholder={t('addressesPlaceholder')}
              value={addresses[table.id] ?? ''}
              onChange={(e) => change(table.id, e.target.value)}
            />
            <button
              type="button"
              className="pl-button"
              disabled={busy || splitAddresses(addresses[table.id] ?? '').length === 0}
              onClick={() => send([table.id])}
            >
              {t('send')}
            </button>
          </div>
        </div>
      ))}
      <div>
        <button
          type="button"
          className="pl-button pl-primary"
          disabled={busy}
          onClick={() => send(workshop.tables.map((x) => x.id))}
        >
          {busy ? t('sending') : t('sendAll')}
        </button>
      </div>
      {result ? (
        <p role={result.ok ? 'status' : 'alert'} className={result.ok ? 'pl-ok' : 'pl-error'}>
          {result.text}
        </p>
      ) : null}
    </fieldset>
  )
}
