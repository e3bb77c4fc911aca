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

/** An update that would put a record the poster schema rejects into the document. */
export class InvalidRecordError extends SyncError {
  override name = 'InvalidRecordError'
  constructor(message: string) {
    super(CloseCode.InvalidRecord, message)
  }
}

/** Storage refused or failed to persist an update. */
export class StorageFailedError extends SyncError {
  override name = 'StorageFailedError'
  constructor(message: string, options?: { cause?: unknown }) {
    super(CloseCode.StorageError, message)
    if (options?.cause !== undefined) this.cause = options.cause
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
