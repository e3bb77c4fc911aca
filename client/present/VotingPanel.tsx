/**
 * Dot voting for a participant: while the round votes, a panel lists the notes they may put
 * dots on (their table's poster, and the presented poster when the vote spans all tables),
 * with the dots they placed, the room's total per note, and how many dots they have left.
 */
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react'
import type { ControlState } from '../../shared/controlDoc'
import type { MyVotesResponse } from '../../shared/roundsApi'
import { roundPaths } from '../../shared/roundsApi'
import { useMessages } from '../app/i18n'
import { usePosterScene } from '../render/usePosterScene'
import { roundsClient } from '../round/roundsClient'
import { presentMessages } from './presentMessages'
import './present.css'

/** Props of the voting panel. */
export interface VotingPanelProps {
  workshopId: string
  token: string | null
  /** The participant's own table. */
  tableId: string
  control: ControlState | null
}

function NoteList(props: {
  posterId: string
  token: string | null
  title: string
  mine: Record<string, number>
  tallies: Record<string, number>
  left: number
  onVote(posterId: string, noteId: string, add: boolean): void
}): ReactNode {
  const t = useMessages(presentMessages)
  const { scene } = usePosterScene(props.posterId, props.token, 200)
  const notes = scene.items.filter((d) => d.kind === 'note' && d.text)
  return (
    <section className="voting__poster">
      <h3>{props.title}</h3>
      <ul className="voting__notes">
        {notes.map((n) => {
          const mine = props.mine[`${props.posterId}/${n.id}`] ?? 0
          const text = n.kind === 'note' ? n.text : ''
          return (
            <li key={n.id} className="voting__note" data-testid="voting-note" data-text={text}>
              <span className="voting__text">{text}</span>
              <span className="voting__count" title={t('dotsOnNote')}>
                {'●'.repeat(Math.min(mine, 10))} {props.tallies[n.id] ?? 0}
              </span>
              <button
                type="button"
                disabled={mine === 0}
                onClick={() => props.onVote(props.posterId, n.id, false)}
                aria-label={t('removeDot')}
              >
                −
              </button>
              <button
                type="button"
                disabled={props.left <= 0}
                onClick={() => props.onVote(props.posterId, n.id, true)}
                aria-label={t('addDot')}
              >
                +
              </button>
            </li>
          )
        })}
      </ul>
    </section>
  )
}

/** The voting panel; renders nothing outside the voting phase. */
export function VotingPanel({ workshopId, token, tableId, control }: VotingPanelProps): ReactNode {
  const t = useMessages(presentMessages)
  const [mine, setMine] = useState<MyVotesResponse | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [open, setOpen] = useState(true)
  const voting = control?.phase === 'voting' && control.votes !== null
  const api = useMemo(() => roundsClient(workshopId, token), [workshopId, token])

  const refresh = useCallback(async () => {
    const res = await fetch(roundPaths.myVotes(workshopId), { headers: { authorization: `Bearer ${token}` } })
    if (res.ok) setMine((await res.json()) as MyVotesResponse)
  }, [workshopId, token])

  useEffect(() => {
    if (voting) refresh()
  }, [voting, refresh])

  if (!voting || !control) return null
  // A vote on the synthesis's themes happens on the synthesis page.
  if (control.votes?.scope === 'synthesis' && control.currentRoundId) {
    return (
      <aside className="voting" data-testid="voting-panel" aria-label={t('votingTitle')}>
        <header className="voting__head">
          <strong>{t('votingTitle')}</strong>
        </header>
        <a
          className="pl-button pl-primary"
          href={`/w/${workshopId}/synthesis/${control.currentRoundId}`}
          data-testid="vote-on-themes"
        >
          {t('voteOnThemes')}
        </a>
      </aside>
    )
  }
  const own = control.tables.find((x) => x.tableId === tableId)
  const presented = control.presenting
  const dots = control.votes?.dots ?? 0
  const left = Math.max(0, dots - (mine?.used ?? 0))
  const onVote = (posterId: string, noteId: string, add: boolean) => {
    const call = add ? api.vote(posterId, noteId) : api.unvote(posterId, noteId)
    call
      .then(() => setError(null))
      .catch((err: Error) => setError(err.message))
      .finally(() => refresh())
  }
  const lists: Array<{ posterId: string; title: string }> = []
  if (own) lists.push({ posterId: own.posterId, title: own.name })
  if (control.votes?.scope === 'all' && presented && presented.posterId !== own?.posterId) {
    lists.push({ posterId: presented.posterId, title: presented.tableName })
  }
  return (
    <aside className="voting" data-testid="voting-panel" aria-label={t('votingTitle')}>
      <header className="voting__head">
        <strong>{t('votingTitle')}</strong>
        <span data-testid="dots-left">{t('dotsLeft', { n: String(left), of: String(dots) })}</span>
        <button type="button" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
          {open ? t('hide') : t('show')}
        </button>
      </header>
      {open &&
        lists.map((l) => (
          <NoteList
            key={l.posterId}
            posterId={l.posterId}
            token={token}
            title={l.title}
            mine={mine?.notes ?? {}}
            tallies={control.tallies[l.posterId] ?? {}}
            left={left}
            onVote={onVote}
          />
        ))}
      {error && <p role="alert">{error}</p>}
    </aside>
  )
}
