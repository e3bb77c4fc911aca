/**
 * Dot voting from the notes-only page: my dots in the current round, and placing or taking
 * back a dot on a note. The room's totals come live from the control document's tallies.
 */
import { useCallback, useEffect, useState } from 'react'
import type { MyVotesResponse, VoteRequest } from '../../shared/roundsApi'
import { apiFetch } from '../app/api'

/** My votes and the actions on them; `null` until loaded or while no vote runs. */
export interface MyVotes {
  votes: MyVotesResponse | null
  /** Dots I placed on a note of this poster. */
  mineOn: (noteId: string) => number
  add: (noteId: string) => Promise<void>
  remove: (noteId: string) => Promise<void>
}

/** Loads my votes while `active`, for the poster `posterId`. */
export function useMyVotes(
  workshopId: string,
  posterId: string | null,
  token: string | null,
  active: boolean,
): MyVotes {
  const [votes, setVotes] = useState<MyVotesResponse | null>(null)
  const base = `/workshops/${encodeURIComponent(workshopId)}/votes`

  const reload = useCallback(async () => {
    if (!token) return
    setVotes(await apiFetch<MyVotesResponse>(`${base}/mine`, { token }))
  }, [base, token])

  useEffect(() => {
    if (active) void reload().catch(() => setVotes(null))
    else setVotes(null)
  }, [active, reload])

  const mineOn = (noteId: string) => (posterId ? (votes?.notes[`${posterId}/${noteId}`] ?? 0) : 0)
  const add = async (noteId: string) => {
    if (!posterId) return
    const body: VoteRequest = { posterId, noteId }
    try {
      await apiFetch(base, { method: 'POST', token, body })
    } finally {
      await reload()
    }
  }
  const remove = async (noteId: string) => {
    if (!posterId) return
    try {
      await apiFetch(`${base}/${encodeURIComponent(posterId)}/${encodeURIComponent(noteId)}`, {
        method: 'DELETE',
        token,
      })
    } finally {
      await reload()
    }
  }
  return { votes, mineOn, add, remove }
}
