/**
 * Which live documents of this page are cut off from the server right now. Pages that only
 * watch (wall, presenter, projector) show one "reconnecting" mark when any of theirs is, so
 * what they show is never stale without saying so.
 */

const offline = new Set<object>()
const listeners = new Set<() => void>()

/** Records whether one connection is cut off (it calls this on every change of its state). */
export function markOffline(connection: object, isOffline: boolean): void {
  if (isOffline === offline.has(connection)) return
  if (isOffline) offline.add(connection)
  else offline.delete(connection)
  for (const listener of listeners) listener()
}

/** True while any live document of this page is cut off from the server. */
export function anyOffline(): boolean {
  return offline.size > 0
}

/** Subscribes to changes of `anyOffline()`; returns the unsubscribe function. */
export function subscribeOffline(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
