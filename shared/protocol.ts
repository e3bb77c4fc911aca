/**
 * Wire constants of the sync protocol. Plenum speaks the standard y-websocket protocol
 * (see docs/PROTOCOL.md); these are its outer message types and the auth sub-messages.
 */

/** Version of Plenum's sync contract, bumped on incompatible changes. */
export const PROTOCOL_VERSION = 1

/** Outer message type: the first varint of every binary frame. */
export const MessageType = {
  /** y-protocols sync: step 1, step 2 or update. */
  Sync: 0,
  /** y-protocols awareness update. */
  Awareness: 1,
  /** y-protocols auth: permission denied with a reason. */
  Auth: 2,
  /** Ask the server to send the full awareness state. */
  QueryAwareness: 3,
} as const

/** Sync sub-message types (y-protocols/sync). */
export const SyncMessageType = {
  Step1: 0,
  Step2: 1,
  Update: 2,
} as const

/** Auth sub-message types (y-protocols/auth). */
export const AuthMessageType = {
  PermissionDenied: 0,
} as const

/** Reasons sent in a permission-denied auth message. */
export const PermissionDeniedReason = {
  /** The connection is read-only (screen, other table, locked round, not a participant's table). */
  ReadOnly: 'read-only',
} as const

/** URL path prefix of the sync endpoint: `GET /sync/:docName?token=…`. */
export const SYNC_PATH = '/sync'
