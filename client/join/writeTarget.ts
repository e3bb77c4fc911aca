/** Which document a participant works in during each phase of a round. */
import type { RoundPhase } from '../../shared/api'
import { participantsMayWritePoster, participantsWritePrivately } from '../../shared/rounds'

/**
 * The document to open and whether the participant may write in it: their private copy
 * (`q-<posterId>_<participantId>`) during private writing, else the table's poster, writable
 * while the round is open. Staff and visitors from other tables pass `participantId` null.
 */
export function writeTarget(
  phase: RoundPhase | null,
  posterDocName: string | null,
  participantId: string | null,
): { docName: string | null; writable: boolean } {
  if (!posterDocName) return { docName: null, writable: false }
  if (phase && participantId && participantsWritePrivately(phase)) {
    return { docName: `q-${posterDocName.slice(2)}_${participantId}`, writable: true }
  }
  return { docName: posterDocName, writable: phase !== null && participantsMayWritePoster(phase) }
}
