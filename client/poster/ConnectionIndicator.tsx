/** The poster's connection indicator: online and saved, saving…, offline, or refused. */
import { type ReactNode, useSyncExternalStore } from 'react'
import { useMessages } from '../app/i18n'
import { posterMessages } from './messages'
import type { PosterConnection } from './PosterConnection'

/** A small pill with a coloured dot and a word; `data-status` names the state for tests. */
export function ConnectionIndicator({ connection }: { connection: PosterConnection }): ReactNode {
  const t = useMessages(posterMessages)
  const state = useSyncExternalStore(connection.subscribe, connection.getState)
  const label = {
    connecting: t('statusConnecting'),
    offline: state.unsaved ? t('statusOfflineUnsaved') : t('statusOffline'),
    saving: t('statusSaving'),
    saved: t('statusSaved'),
    refused: t('statusRefused'),
  }[state.status]
  return (
    <div className="poster-status" data-status={state.status}>
      <output className="poster-status__pill" aria-live="polite">
        <span className="poster-status__dot" aria-hidden="true" />
        {label}
      </output>
      {state.readOnly && (
        <span className="poster-status__pill poster-status__pill--muted">{t('readOnly')}</span>
      )}
    </div>
  )
}
