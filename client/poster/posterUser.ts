/**
 * Who I am on posters: a stable id, a display name and a cursor colour, kept in localStorage
 * on this device and shown to the others at the poster through presence.
 */

/** The local user as shown to collaborators. */
export interface PosterUser {
  id: string
  name: string
  color: string
}

const STORAGE_KEY = 'plenum.user'
/** sessionStorage key of this tab's presence suffix (kept across reloads of the tab). */
const TAB_KEY = 'plenum.tab'

/** Cursor colours: distinct from each other and readable as name labels with white text. */
export const USER_COLORS = [
  '#d62828',
  '#1d4ed8',
  '#15803d',
  '#9333ea',
  '#c2410c',
  '#0e7490',
  '#be185d',
  '#4d7c0f',
  '#7c3aed',
  '#a16207',
] as const

function randomId(): string {
  const bytes = new Uint8Array(12)
  crypto.getRandomValues(bytes)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** Reads the local user, creating an id and a colour on first use (the name may be empty). */
export function loadPosterUser(): PosterUser {
  try {
    const raw = localStorage.getItem(STORAGE_KEY)
    if (raw) {
      const parsed = JSON.parse(raw) as Partial<PosterUser>
      if (typeof parsed.id === 'string' && parsed.id) {
        return {
          id: parsed.id,
          name: typeof parsed.name === 'string' ? parsed.name : '',
          color: typeof parsed.color === 'string' && parsed.color ? parsed.color : pickColor(parsed.id),
        }
      }
    }
  } catch {
    // Unreadable or blocked storage: start a fresh identity for this visit.
  }
  const id = randomId()
  const user = { id, name: '', color: pickColor(id) }
  savePosterUser(user)
  return user
}

/** Remembers the local user on this device. */
export function savePosterUser(user: PosterUser): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(user))
  } catch {
    // Not remembered; the name is asked again next visit.
  }
}

/** A colour derived from the id, so one person keeps one colour. */
export function pickColor(id: string): string {
  let hash = 0
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0
  return USER_COLORS[hash % USER_COLORS.length]
}

/** Trims a typed name and bounds its length so it fits a cursor label. */
export function cleanName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().slice(0, 40)
}

let tabSuffix: string | null = null

/**
 * The id this tab shows to collaborators: the person's id plus a per-tab suffix. tldraw hides
 * cursors whose user id equals its own, so two tabs of one browser need different ids to see
 * each other; the suffix lives in sessionStorage so a reload keeps it (following still works).
 */
export function tabScopedId(baseId: string): string {
  if (!tabSuffix) {
    try {
      tabSuffix = sessionStorage.getItem(TAB_KEY)
      if (!tabSuffix) {
        tabSuffix = randomId().slice(0, 8)
        sessionStorage.setItem(TAB_KEY, tabSuffix)
      }
    } catch {
      // No sessionStorage: a suffix for this page load only.
      tabSuffix ??= randomId().slice(0, 8)
    }
  }
  return `${baseId}.${tabSuffix}`
}

/** Forgets the cached tab suffix (tests). */
export function resetTabScopedIdForTests(): void {
  tabSuffix = null
}
