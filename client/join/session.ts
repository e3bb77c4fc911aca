/** Participant sessions, kept in localStorage per workshop so a reload or a new tab stays in. */

/** What a participant keeps after joining a table. */
export interface ParticipantSession {
  token: string
  participantId: string
  workshopId: string
  tableId: string
  tableName: string
  name: string
}

const keyOf = (workshopId: string) => `plenum.participant.${workshopId}`

/** Remembers the participant's token for a workshop. */
export function saveSession(session: ParticipantSession): void {
  try {
    localStorage.setItem(keyOf(session.workshopId), JSON.stringify(session))
  } catch {
    // Without storage the participant simply joins again after a reload.
  }
}

/** The participant's session for a workshop, or null when they have not joined it here. */
export function loadSession(workshopId: string): ParticipantSession | null {
  try {
    const raw = localStorage.getItem(keyOf(workshopId))
    if (!raw) return null
    const parsed = JSON.parse(raw) as ParticipantSession
    return typeof parsed?.token === 'string' && parsed.workshopId === workshopId ? parsed : null
  } catch {
    return null
  }
}

/** Forgets the participant's session (e.g. the token was revoked). */
export function clearSession(workshopId: string): void {
  try {
    localStorage.removeItem(keyOf(workshopId))
  } catch {
    // Nothing to forget.
  }
}

/** The token to open a workshop's table pages with: a staff key in the fragment wins over a stored participant token. */
export function tokenFor(workshopId: string, hashKey: string | null): string | null {
  return hashKey ?? loadSession(workshopId)?.token ?? null
}
