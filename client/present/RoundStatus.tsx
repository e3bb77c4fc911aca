/**
 * The round as a table sees it, floating over its poster: the phase, the timer, a hint while
 * writing privately or when the poster is locked, and the table's "we're done" button.
 */
import { type ReactNode, useState } from 'react'
import type { ControlState } from '../../shared/controlDoc'
import { participantsMayWritePoster, participantsWritePrivately } from '../../shared/rounds'
import { useMessages } from '../app/i18n'
import { roundsClient } from '../round/roundsClient'
import { presentMessages } from './presentMessages'
import { TimerDisplay } from './TimerDisplay'
import './present.css'

/**
 * The document a participant's canvas binds to: their private notes document while the
 * round is in private writing, else the poster. Staff always see the poster.
 */
export function roundDocName(
  posterDocName: string,
  control: ControlState | null,
  participantId: string | null,
): string {
  if (!participantId || !control?.phase || !participantsWritePrivately(control.phase)) return posterDocName
  if (!control.tables.some((t) => `p-${t.posterId}` === posterDocName)) return posterDocName
  return `q-${posterDocName.slice(2)}_${participantId}`
}

/** Whether a participant's canvas is view-only in the round's phase (the server enforces it too). */
export function participantLocked(control: ControlState | null, member: boolean): boolean {
  const phase = control?.phase
  if (!member || !phase || phase === 'draft') return false
  return !participantsMayWritePoster(phase) && !participantsWritePrivately(phase)
}

/** Props of the round status. */
export interface RoundStatusProps {
  workshopId: string
  tableId: string
  token: string | null
  control: ControlState | null
  /** True for a participant of this table (who may raise the done flag). */
  member: boolean
}

/** The floating round status of a table's poster. */
export function RoundStatus({ workshopId, tableId, token, control, member }: RoundStatusProps): ReactNode {
  const t = useMessages(presentMessages)
  const [error, setError] = useState<string | null>(null)
  if (!control?.phase) return null
  const done = Boolean(control.done[tableId])
  const phase = control.phase
  const hint = participantsWritePrivately(phase)
    ? t('privateHint')
    : phase === 'voting'
      ? t('votingHint')
      : !participantsMayWritePoster(phase) && phase !== 'draft'
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
      <TimerDisplay timer={control.timer} />
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
