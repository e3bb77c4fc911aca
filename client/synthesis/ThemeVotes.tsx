/**
 * Dot voting on themes: while the round votes with scope "synthesis", a participant puts their
 * dots on the themes of the synthesis poster (its theme frames), with the room's total per theme.
 * The same votes, tallies and dot limits as voting on notes (server/rounds/RoundService.ts).
 */
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react'
import type { ControlState } from '../../shared/controlDoc'
import { synthesisDocName } from '../../shared/docNames'
import type { MyVotesResponse } from '../../shared/roundsApi'
import { readSynthesis } from '../../shared/synthesis'
import { apiFetch } from '../app/api'
import { useMessages } from '../app/i18n'
import { useLiveDoc } from '../live/useLiveDoc'
import { presentMessages } from '../present/presentMessages'
import { roundsClient } from '../round/roundsClient'
import '../present/present.css'

/** The theme voting panel; nothing outside a synthesis vote. */
export function ThemeVotes(props: {
  workshopId: string
  roundId: string
  token: string
  control: ControlState
}): ReactNode {
  const { workshopId, roundId, token, control } = props
  const t = useMessages(presentMessages)
  const docName = synthesisDocName(roundId)
  const voting = control.phase === 'voting' && control.votes?.scope === 'synthesis'
  const { live, state } = useLiveDoc(voting ? docName : null, token, 200)
  // biome-ignore lint/correctness/useExhaustiveDependencies: state.version marks a change of the document
  const themes = useMemo(() => (live ? readSynthesis(live.cache.records()) : []), [live, state.version])
  const [mine, setMine] = useState<MyVotesResponse | null>(null)
  const [error, setError] = useState<string | null>(null)
  const api = useMemo(() => roundsClient(workshopId, token), [workshopId, token])
  const refresh = useCallback(async () => {
    setMine(
      await apiFetch<MyVotesResponse>(`/workshops/${workshopId}/votes/mine`, { token }).catch(() => null),
    )
  }, [workshopId, token])
  useEffect(() => {
    if (voting) refresh()
  }, [voting, refresh])
  if (!voting) return null
  const dots = control.votes?.dots ?? 0
  const left = Math.max(0, dots - (mine?.used ?? 0))
  const tallies = control.tallies[docName] ?? {}
  const onVote = (frameId: string, add: boolean) =>
    (add ? api.vote(docName, frameId) : api.unvote(docName, frameId))
      .then(() => setError(null))
      .catch((err: Error) => setError(err.message))
      .finally(refresh)
  return (
    <aside className="voting synthesis__votes" data-testid="theme-votes" aria-label={t('votingTitle')}>
      <header className="voting__head">
        <strong>{t('votingTitle')}</strong>
        <span data-testid="dots-left">{t('dotsLeft', { n: String(left), of: String(dots) })}</span>
      </header>
      <ul className="voting__notes">
        {themes.map((theme) => {
          const placed = mine?.notes[`${docName}/${theme.frameId}`] ?? 0
          return (
            <li
              key={theme.frameId}
              className="voting__note"
              data-testid="voting-theme"
              data-label={theme.label}
            >
              <span className="voting__text">{theme.label}</span>
              <span className="voting__count" title={t('dotsOnNote')}>
                {'●'.repeat(Math.min(placed, 10))} {tallies[theme.frameId] ?? 0}
              </span>
              <button
                type="button"
                disabled={placed === 0}
                onClick={() => onVote(theme.frameId, false)}
                aria-label={t('removeDot')}
              >
                −
              </button>
              <button
                type="button"
                disabled={left <= 0}
                onClick={() => onVote(theme.frameId, true)}
                aria-label={t('addDot')}
              >
                +
              </button>
            </li>
          )
        })}
      </ul>
      {error && <p role="alert">{error}</p>}
    </aside>
  )
}
