/**
 * The role links on the set-up page. The server keeps only hashes of the keys, so the
 * facilitator and projector links can be shown only on the device that kept them; on any other
 * device the organizer gets a working link by re-issuing the key, which ends the old link.
 */
import { useState } from 'react'
import type { RotatableRole, RotatedKey } from '../../shared/api'
import { ApiError, apiFetch } from '../app/api'
import { ErrorLine } from '../app/ErrorLine'
import { useMessages } from '../app/i18n'
import { CopyField } from '../start/CopyField'
import { linksMessages } from '../start/linksMessages'
import { absoluteUrl, type WorkshopLinkSet } from '../start/WorkshopLinks'
import { keyLinksMessages } from './keyLinksMessages'

/** Props of `KeyLinks`. */
export interface KeyLinksProps {
  workshopId: string
  organizerKey: string
  /** Links known on this device (the organizer link always is). */
  links: WorkshopLinkSet
  /** Called with a re-issued link so the page can keep it on this device. */
  onRenewed(role: RotatableRole, url: string): void
}

/** The organizer, facilitator and projector links, with a way to renew the latter two. */
export function KeyLinks({ workshopId, organizerKey, links, onRenewed }: KeyLinksProps) {
  const t = useMessages(linksMessages)
  return (
    <section className="pl-card pl-stack" aria-labelledby="links-heading">
      <h2 id="links-heading">{t('links')}</h2>
      {links.organizerUrl ? (
        <CopyField label={t('organizer')} value={absoluteUrl(links.organizerUrl)} testId="organizer-link" />
      ) : null}
      <RenewableLink
        keyRole="facilitator"
        label={t('facilitator')}
        url={links.facilitatorUrl}
        workshopId={workshopId}
        organizerKey={organizerKey}
        onRenewed={onRenewed}
      />
      <RenewableLink
        keyRole="screen"
        label={t('screen')}
        url={links.screenUrl}
        workshopId={workshopId}
        organizerKey={organizerKey}
        onRenewed={onRenewed}
      />
    </section>
  )
}

function RenewableLink(props: {
  keyRole: RotatableRole
  label: string
  url: string | undefined
  workshopId: string
  organizerKey: string
  onRenewed(role: RotatableRole, url: string): void
}) {
  const { keyRole: role, label, url } = props
  const t = useMessages(keyLinksMessages)
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [renewed, setRenewed] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const what = role === 'facilitator' ? t('facilitatorWhat') : t('screenWhat')

  const renew = async () => {
    setBusy(true)
    setError(null)
    try {
      const rotated = await apiFetch<RotatedKey>(
        `/workshops/${encodeURIComponent(props.workshopId)}/keys/${role}`,
        { method: 'POST', token: props.organizerKey },
      )
      props.onRenewed(role, rotated.url)
      setRenewed(true)
      setConfirming(false)
    } catch (err) {
      setError(t('failed', { message: err instanceof ApiError ? err.message : String(err) }))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="pl-stack" data-testid={`${role}-link-block`}>
      {url ? (
        <CopyField label={label} value={absoluteUrl(url)} testId={`${role}-link`} />
      ) : (
        <p>
          <strong>{label}</strong>
          <br />
          <span className="pl-muted">{t('notHere')}</span>
        </p>
      )}
      {renewed ? (
        <p role="status" className="pl-ok">
          {t('renewed', { what })}
        </p>
      ) : null}
      {confirming ? (
        <div className="pl-warning pl-stack">
          <p>{t('warning', { what })}</p>
          <div className="pl-actions">
            <button type="button" className="pl-button pl-primary" onClick={renew} disabled={busy}>
              {busy ? t('busy') : t('confirm', { what })}
            </button>
            <button type="button" className="pl-button" onClick={() => setConfirming(false)} disabled={busy}>
              {t('cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="pl-actions">
          <button
            type="button"
            className="pl-button"
            onClick={() => {
              setRenewed(false)
              setConfirming(true)
            }}
          >
            {url ? t('renew', { what }) : t('show', { what })}
          </button>
        </div>
      )}
      <ErrorLine error={error} />
    </div>
  )
}
