/**
 * The round timer as every device shows it: minutes and seconds left by the server's clock,
 * amber in the last minute, "time's up" at zero.
 */
import type { ReactNode } from 'react'
import { formatRemaining, remainingMs, type TimerState, timerStatus } from '../../shared/rounds'
import { useMessages } from '../app/i18n'
import { useClockOffset, useNow } from '../round/useClock'
import { presentMessages } from './presentMessages'
import './present.css'

/** Shows a timer, or nothing when there is none. */
export function TimerDisplay({
  timer,
  className,
}: {
  timer: TimerState | null
  className?: string
}): ReactNode {
  const t = useMessages(presentMessages)
  const offset = useClockOffset()
  const now = useNow(250)
  if (!timer) return null
  const status = timerStatus(timer, now, offset)
  const left = remainingMs(timer, now, offset)
  const note =
    status === 'paused'
      ? t('timerPaused')
      : status === 'ended'
        ? t('timerEnded')
        : status === 'warning'
          ? t('timerWarning')
          : null
  return (
    <div
      className={`plenum-timer plenum-timer--${status} ${className ?? ''}`}
      role="timer"
      aria-label={t('timerLabel')}
    >
      <span className="plenum-timer__time" data-testid="timer">
        {formatRemaining(left)}
      </span>
      {note && <span className="plenum-timer__note">{note}</span>}
    </div>
  )
}
