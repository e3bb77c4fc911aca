/**
 * A discreet "reconnecting" mark for pages that watch live documents (wall, presenter,
 * projector): shown while any of the page's documents is cut off, so stale content never
 * passes silently for current.
 */
import { type ReactNode, useSyncExternalStore } from 'react'
import { useMessages } from '../app/i18n'
import { liveMessages } from './liveMessages'
import { anyOffline, subscribeOffline } from './offlineDocs'
import './live.css'

/** The mark, or nothing while every live document of the page is connected. */
export function ReconnectingMark({ className }: { className?: string }): ReactNode {
  const t = useMessages(liveMessages)
  const offline = useSyncExternalStore(subscribeOffline, anyOffline)
  if (!offline) return null
  return (
    <output
      className={`live-reconnecting${className ? ` ${className}` : ''}`}
      data-testid="reconnecting"
      title={t('reconnectingHint')}
      aria-live="polite"
    >
      <span className="live-reconnecting__dot" aria-hidden="true" />
      {t('reconnecting')}
    </output>
  )
}
