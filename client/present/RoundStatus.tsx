/**
 * The round as a table sees it, floating over its poster: the phase, the timer, a hint before
 * the round starts, while writing privately or when the poster is locked, and the table's
 * "we're done" button.
 */
import { type ReactNode, useState } from 'react'
import type { ViewOnlyReason } from '../../shared/canvasRule'
import type { ControlState } from '../../shared/controlDoc'
import { isLockedPhase, participantsWritePrivately, type RoundPhase } from '../../shared/rounds'
import { useMessages } from '../app/i18n'
import { roundsClient } from '../round/roundsClient'
import { HomeworkDeadline } from '../series/HomeworkDeadline'
import { presentMessages } from './presentMessages'
import { TimerDisplay } from './TimerDisplay'
import './present.css'

/** Props of the round status. */
export interface RoundStatusProps {
  workshopId: string
  tableId: string
  token: string | null
  control: ControlState | null
  /** The round's phase as the page knows it (before the first action the control document has none). */
  phase: RoundPhase | null
  /** Why the canvas is view-only (shared/canvasRule.ts), or null. */
  viewOnly: ViewOnlyReason | null
  /** True for a participant of this table (who may raise the done flag). */
  member: boolean
}

/** The floating round status of a table's poster. */
export function RoundStatus(props: RoundStatusProps): ReactNode {
  const { workshopId, tableId, token, control, phase, viewOnly, member } = props
  const t = useMessages(presentMessages)
  const [error, setError] = useState<string | null>(null)
  if (!phase) return null
  const done = Boolean(control?.done[tableId])
  const hint =
    viewOnly === 'not-started'
      ? t('notStartedHint')
      : participantsWritePrivately(phase)
        ? t('privateHint')
        : phase === 'voting'
          ? t('votingHint')
          : isLockedPhase(phase)
            ? t('lockedHint')
            : null
  const toggle = () => {
    roundsClient(workshopId, token)
      .done({ done: !done })
      .then(() => setError(null))
      .catch((err: Error) => setError(err.message))
  }
  return (
    <div className="round-status" data-testid="round-status" data-phase={phase}>
      <span className="round-status__phase">{t(`phase_${phase}`)}</span>
      <TimerDisplay timer={control?.timer ?? null} />
      <HomeworkDeadline workshopId={workshopId} token={token} roundId={control?.currentRoundId ?? null} />
      {hint && <span className="round-status__hint">{hint}</span>}
      {member && (phase === 'writing' || phase === 'reveal' || phase === 'private') && (
        <button type="button" className="round-status__done" aria-pressed={done} onClick={toggle}>
          {done ? t('notDone') : t('weAreDone')}
        </button>
      )}
      {error && <span role="alert">{error}</span>}
    </div>
  )
}
