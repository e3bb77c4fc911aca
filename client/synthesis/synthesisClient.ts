/** Calls of the synthesis routes; paths come from `shared/synthesisApi.ts`. */
import {
  type NoteRef,
  type RoundNotesResponse,
  type SuggestResponse,
  synthesisPaths,
} from '../../shared/synthesisApi'
import { apiFetch } from '../app/api'

/** Synthesis calls for one round, made with one key or token. */
export function synthesisClient(workshopId: string, roundId: string, token: string | null) {
  const post = <T>(path: string, body: unknown) => apiFetch<T>(path, { method: 'POST', body, token })
  return {
    notes: () => apiFetch<RoundNotesResponse>(synthesisPaths.notes(workshopId, roundId), { token }),
    pull: (body: { notes?: NoteRef[]; question?: number }) =>
      post<{ pulled: number }>(synthesisPaths.pull(workshopId, roundId), body),
    suggest: (body: { question?: number; lexicon?: string }) =>
      post<SuggestResponse>(synthesisPaths.suggest(workshopId, roundId), body),
    accept: (label: string, notes: NoteRef[]) =>
      post<{ frameId: string }>(synthesisPaths.themes(workshopId, roundId), { label, notes }),
    open: (open: boolean) => post<{ open: boolean }>(synthesisPaths.open(workshopId, roundId), { open }),
    present: () => post(synthesisPaths.present(workshopId, roundId), {}),
  }
}

/** The synthesis client type. */
export type SynthesisClient = ReturnType<typeof synthesisClient>
