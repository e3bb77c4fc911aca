/**
 * What the wall asks for first, started from the route table while the wall's code loads: the
 * workshop view and the poster records of the round the wall shows first. Small on purpose: it
 * is part of the entry chunk.
 */
import { CURRENT_ROUND, posterStatesPath } from '../../shared/posterStates'
import { readFragmentParam } from '../app/fragment'
import { prefetch } from '../app/prefetch'

/** Starts the wall's first requests (no key, no requests: the page says so itself). */
export function prefetchWall(params: Record<string, string>): void {
  const key = readFragmentParam('k')
  if (!key || !params.workshopId) return
  prefetch(`/api/workshops/${params.workshopId}`, key)
  prefetch(posterStatesPath(params.workshopId, CURRENT_ROUND), key)
}
