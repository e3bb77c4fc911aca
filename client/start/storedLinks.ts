/**
 * The role links of workshops created (or whose links were renewed) on this device. The server
 * stores only hashes of the keys, so the set-up page shows the facilitator and projector links
 * kept here; elsewhere it offers to renew them.
 */
import type { WorkshopLinkSet } from './WorkshopLinks'

const keyOf = (workshopId: string) => `plenum.links.${workshopId}`

/** Keeps a workshop's links on this device. */
export function saveLinks(workshopId: string, links: WorkshopLinkSet): void {
  try {
    const { organizerUrl, facilitatorUrl, screenUrl } = links
    localStorage.setItem(keyOf(workshopId), JSON.stringify({ organizerUrl, facilitatorUrl, screenUrl }))
  } catch {
    // Without storage the links are only shown once, right after creation.
  }
}

/** The links kept for a workshop, or an empty set. */
export function loadLinks(workshopId: string): WorkshopLinkSet {
  try {
    return JSON.parse(localStorage.getItem(keyOf(workshopId)) ?? '{}') as WorkshopLinkSet
  } catch {
    return {}
  }
}

/** Forgets a workshop's links (after it is deleted). */
export function forgetLinks(workshopId: string): void {
  try {
    localStorage.removeItem(keyOf(workshopId))
  } catch {
    // Nothing kept.
  }
}
