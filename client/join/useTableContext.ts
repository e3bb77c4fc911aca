/**
 * What a table page (the poster, the notes-only mode) needs to know: the token to open the
 * table with, the workshop and its current round, and the poster document of this table in
 * that round. The round follows the facilitator live through the workshop's control document.
 */
import { useEffect, useMemo, useState } from 'react'
import type { RoundView, WorkshopView } from '../../shared/api'
import type { ControlState } from '../../shared/controlDoc'
import { posterDocName } from '../../shared/docNames'
import { ApiError, apiFetch } from '../app/api'
import { readFragmentParam } from '../app/fragment'
import { deleteLocalCopies, localCopiesOf } from '../live/localCopies'
import { useControl } from '../live/useControl'
import { clearSession, loadSession, type ParticipantSession } from './session'

/** State of a table page's context. */
export type TableContext =
  | { status: 'loading' }
  | { status: 'no-token' }
  | { status: 'error'; message: string }
  | {
      status: 'ready'
      token: string
      /** The participant, when the page was opened with a participant token. */
      session: ParticipantSession | null
      workshop: WorkshopView
      tableName: string
      round: RoundView | null
      /** Sync document of this table's poster in the current round, or null when it has none. */
      posterDocName: string | null
      control: ControlState | null
    }

const keptViewKey = (workshopId: string) => `plenum.workshopView.${workshopId}`

/** Remembers a participant's last workshop view, so the table's poster opens again offline. */
function keepView(workshopId: string, view: WorkshopView): void {
  if (view.role !== 'participant') return
  try {
    localStorage.setItem(keptViewKey(workshopId), JSON.stringify(view))
  } catch {
    // Not kept: offline, the page then says the server cannot be reached.
  }
}

function forgetView(workshopId: string): void {
  try {
    localStorage.removeItem(keptViewKey(workshopId))
  } catch {
    // Nothing kept.
  }
}

function keptView(workshopId: string): WorkshopView | null {
  try {
    const raw = localStorage.getItem(keptViewKey(workshopId))
    return raw ? (JSON.parse(raw) as WorkshopView) : null
  } catch {
    return null
  }
}

/** Resolves the current round and this table's poster in it. */
export function useTableContext(workshopId: string, tableId: string): TableContext {
  const token = useMemo(() => readFragmentParam('k') ?? loadSession(workshopId)?.token ?? null, [workshopId])
  const session = useMemo(() => {
    const s = loadSession(workshopId)
    return s && s.token === token ? s : null
  }, [workshopId, token])
  const [workshop, setWorkshop] = useState<WorkshopView | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const live = useControl(token ? workshopId : null, token)
  const control: ControlState | null = live.synced ? live.control : null

  // The round changes rarely; refetching when the control document names a new one keeps
  // titles and questions current without polling.
  const controlRound = control?.currentRoundId ?? null
  // biome-ignore lint/correctness/useExhaustiveDependencies: refetch when the live round changes
  useEffect(() => {
    if (!token) return
    const abort = new AbortController()
    apiFetch<WorkshopView>(`/workshops/${encodeURIComponent(workshopId)}`, { token, signal: abort.signal })
      .then((w) => {
        setWorkshop(w)
        setError(null)
        keepView(workshopId, w)
      })
      .catch((err: unknown) => {
        if ((err as Error).name === 'AbortError') return
        if (err instanceof ApiError && err.status === 401 && session) {
          // The server no longer knows this participant: the workshop was deleted (by request
          // or by retention). What this device kept of it goes too.
          const kept = keptView(workshopId)
          if (kept) void deleteLocalCopies(localCopiesOf(kept, session.participantId))
          forgetView(workshopId)
          clearSession(workshopId)
        }
        // Server unreachable: the last view seen lets the poster open from this device's copy.
        const unreachable = !(err instanceof ApiError) || err.status === 0 || err.status >= 502
        const kept = unreachable ? keptView(workshopId) : null
        if (kept) setWorkshop((current) => current ?? kept)
        setError(err instanceof ApiError ? err : new ApiError(0, String(err)))
      })
    return () => abort.abort()
  }, [workshopId, token, session, controlRound])

  if (!token) return { status: 'no-token' }
  if (error && error.status === 401) return { status: 'no-token' }
  if (error && !workshop) return { status: 'error', message: error.message }
  if (!workshop) return { status: 'loading' }

  const roundId = controlRound ?? workshop.currentRoundId ?? workshop.rounds[0]?.id ?? null
  const round = workshop.rounds.find((r) => r.id === roundId) ?? null
  const fromControl = control?.tables.find((t) => t.tableId === tableId)
  const poster = workshop.posters.find((p) => p.roundId === roundId && p.tableId === tableId)
  const docName =
    fromControl && control?.currentRoundId === roundId
      ? posterDocName(fromControl.posterId)
      : (poster?.docName ?? null)
  const tableName = workshop.tables.find((t) => t.id === tableId)?.name ?? session?.tableName ?? ''
  return { status: 'ready', token, session, workshop, tableName, round, posterDocName: docName, control }
}
