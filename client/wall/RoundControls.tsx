/**
 * The wall's round controls: one row of buttons acting on every table at once. Only the
 * actions the phase machine allows in the round's phase are enabled.
 */
import { type ReactNode, useState } from 'react'
import type { RoundView } from '../../shared/api'
import type { ControlState } from '../../shared/controlDoc'
import { allowedActions, type RoundAction, type RoundPhase, type VoteScope } from '../../shared/rounds'
import { useMessages } from '../app/i18n'
import { TimerDisplay } from '../present/TimerDisplay'
import type { RoundsClient } from '../round/roundsClient'
import { wallMessages } from './wallMessages'

const BUTTONS: Array<{
  action: RoundAction
  label: 'start' | 'private' | 'reveal' | 'voting' | 'lock' | 'unlock' | 'close'
}> = [
  { action: 'start', label: 'start' },
  { action: 'private', label: 'private' },
  { action: 'reveal', label: 'reveal' },
  { action: 'voting', label: 'voting' },
  { action: 'lock', label: 'lock' },
  { action: 'unlock', label: 'unlock' },
  { action: 'close', label: 'close' },
]

/** Props of the controls. */
export interface RoundControlsProps {
  round: RoundView
  phase: RoundPhase
  control: ControlState
  api: RoundsClient
  /** Runs a call, reporting its error; resolves when done. */
  run(call: () => Promise<unknown>): Promise<void>
  onMessage(text: string): void
}

/** The controls of one round. */
export function RoundControls({ round, phase, control, api, run, onMessage }: RoundControlsProps): ReactNode {
  const t = useMessages(wallMessages)
  const [minutes, setMinutes] = useState(round.minutes)
  const [dots, setDots] = useState(3)
  const [scope, setScope] = useState<VoteScope>('table')
  const allowed = new Set(allowedActions(phase))
  const timer = control.currentRoundId === round.id ? control.timer : null
  const act = (action: RoundAction) => {
    const body =
      action === 'start' || action === 'private' ? { minutes } : action === 'voting' ? { dots, scope } : {}
    return run(() => api.act(round.id, action, body))
  }
  return (
    <section className="wall-controls" aria-label={t('round')}>
      <div className="wall-controls__row">
        <label>
          {t('minutes')}
          <input
            type="number"
            min={1}
            max={600}
            value={minutes}
            onChange={(e) => setMinutes(Math.max(1, Number(e.target.value) || 1))}
            data-testid="minutes"
          />
        </label>
        <label>
          {t('dots')}
          <input
            type="number"
            min={1}
            max={20}
            value={dots}
            onChange={(e) => setDots(Math.max(1, Number(e.target.value) || 1))}
          />
        </label>
        <label>
          {t('scope')}
          <select value={scope} onChange={(e) => setScope(e.target.value as VoteScope)}>
            <option value="table">{t('scopeTable')}</option>
            <option value="all">{t('scopeAll')}</option>
            <option value="synthesis">{t('scopeSynthesis')}</option>
          </select>
        </label>
      </div>
      <div className="wall-controls__row">
        {BUTTONS.map(({ action, label }) => (
          <button
            type="button"
            key={action}
            disabled={!allowed.has(action)}
            onClick={() => act(action)}
            data-action={action}
          >
            {t(label)}
          </button>
        ))}
        <button
          type="button"
          onClick={() =>
            run(async () => onMessage(t('snapshotDone', { n: String((await api.snapshot()).snapshots) })))
          }
        >
          {t('snapshot')}
        </button>
      </div>
      <div className="wall-controls__row wall-controls__timer">
        <TimerDisplay timer={timer} />
        <button
          type="button"
          disabled={!timer}
          onClick={() => run(() => api.timer({ op: 'extend', minutes: 1 }))}
        >
          {t('plusMinute')}
        </button>
        <button
          type="button"
          disabled={!timer}
          onClick={() => run(() => api.timer({ op: 'extend', minutes: -1 }))}
        >
          {t('minusMinute')}
        </button>
        {timer?.pausedRemaining != null ? (
          <button type="button" onClick={() => run(() => api.timer({ op: 'resume' }))}>
            {t('resume')}
          </button>
        ) : (
          <button type="button" disabled={!timer} onClick={() => run(() => api.timer({ op: 'pause' }))}>
            {t('pause')}
          </button>
        )}
      </div>
    </section>
  )
}
