/** Where this page's live documents are synced: the one place that builds the sync URL. */
import { SYNC_PATH } from '../../shared/protocol'

/** The WebSocket base URL of the sync endpoint on this page's origin (`ws(s)://host/sync`). */
export function syncServerUrl(): string {
  return `${location.origin.replace(/^http/, 'ws')}${SYNC_PATH}`
}
