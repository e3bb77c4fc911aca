/**
 * The workshop's control document as a React hook: the phase, timer, presentation, done flags
 * and tallies the server publishes. Every page that follows the round uses this one hook.
 */
import { useMemo } from 'react'
import { type ControlState, emptyControlState, readControl } from '../../shared/controlDoc'
import { useLiveDoc } from './useLiveDoc'

/** The control state of a workshop, live (re-rendering on every change). */
export function useControl(
  workshopId: string | null,
  token: string | null,
): { control: ControlState; synced: boolean } {
  const { live, state } = useLiveDoc(workshopId ? `w-${workshopId}` : null, token, 30)
  // biome-ignore lint/correctness/useExhaustiveDependencies: state.version marks a change of the document
  const control = useMemo(() => (live ? readControl(live.doc) : emptyControlState()), [live, state.version])
  return { control, synced: state.synced }
}
