/**
 * Errors raised at the sync message boundary. Each carries the close code the connection that
 * caused it is closed with; other connections of the room are never affected.
 */
import { CloseCode, type CloseCodeValue } from '../../shared/closeCodes'

/** An error that ends one connection with a named close code. */
export class SyncError extends Error {
  override name = 'SyncError'
  constructor(
    /** Close code sent to the client. */
    readonly closeCode: CloseCodeValue,
    message: string,
  ) {
    super(message)
  }
}

/** A frame that is not a valid y-websocket message. */
export class MalformedMessageError extends SyncError {
  override name = 'MalformedMessageError'
  constructor(message: string) {
    super(CloseCode.MalformedMessage, message)
  }
}

/** Reads the close code an arbitrary error asks for (e.g. an access error), if any. */
export function closeCodeOf(err: unknown): number | null {
  if (err && typeof err === 'object') {
    for (const key of ['closeCode', 'code'] as const) {
      const value = (err as Record<string, unknown>)[key]
      if (typeof value === 'number' && value >= 4000 && value <= 4999) return value
    }
  }
  return null
}
