/**
 * The workshop's control document as a React hook: the phase, timer, presentation, done flags
 * and tallies the server publishes. Every page that follows the round uses this one hook.
 */
import { useMemo } from 'react'
import { type ControlState, emptyControlState, readControl } from '../../shared/controlDoc'
import { controlDocName } from '../../shared/docNames'
import { useLiveDoc } from './useLiveDoc'

/** The control state of a workshop, live (re-rendering on every change). */
export function useControl(
  workshopId: string | null,
  token: string | null,
): {
  control: ControlState
  /** True once the document has synced (before, `control` is empty). */
  synced: boolean
  /** The connection dropped after syncing: `control` may be stale until it is back. */
  reconnecting: boolean
} {
  const { live, state } = useLiveDoc(workshopId ? controlDocName(workshopId) : null, token, 30)
  // biome-ignore lint/correctness/useExhaustiveDependencies: state.version marks a change of the document
  const control = useMemo(() => (live ? readControl(live.doc) : emptyControlState()), [live, state.version])
  return { control, synced: state.synced, reconnecting: state.reconnecting }
}
