/**
 * Keeps this instance's in-memory round state (what `Access.canWrite()` reads) in step with
 * control documents changed by another server instance. A lock made on instance A reaches
 * instance B as a control-document update over the fan-out; observing the loaded control
 * document applies it to B's `LiveRoundState`, so B's participants become read-only at once
 * too, not only when they reconnect.
 */
import { type ControlState, getControlMap, readControl } from '../../shared/controlDoc'
import { parseDocName } from '../../shared/docNames'
import type { LiveRoundState } from '../domain/LiveRoundState'
import type { RoomHooks } from '../sync/types'

/** Copies the control state's round facts into the live state. */
export function applyControlToLive(live: LiveRoundState, workshopId: string, state: ControlState): void {
  if (state.currentRoundId && state.phase) live.setPhase(state.currentRoundId, state.phase)
  live.apply(workshopId, {
    currentRoundId: state.currentRoundId,
    presentingPosterId: state.presenting?.posterId ?? null,
  })
  live.setSynthesisOpen(workshopId, state.synthesisOpen)
}

/** A room hook that observes every control document loaded on this instance. */
export function followControlDocs(live: LiveRoundState): RoomHooks {
  return {
    afterLoad(docName, doc) {
      const ref = parseDocName(docName)
      if (ref?.kind !== 'control') return
      const { workshopId } = ref
      const map = getControlMap(doc)
      // Only changes from elsewhere matter; this instance's own writes set the live state first.
      map.observe((_event, tx) => {
        if (!tx.local) applyControlToLive(live, workshopId, readControl(doc))
      })
    },
  }
}
