/**
 * Refusal to open a document. Thrown by `Authorize` and `RoomHooks.initialState`; the sync
 * server closes the connection with `code`.
 */
import { CloseCode, type CloseCodeValue, CloseReason } from '../../shared/closeCodes'

/** Why a token may not open a document, as a WebSocket close code. */
export class AccessError extends Error {
  override name = 'AccessError'
  /** Same as `code`; the sync core reads either. */
  readonly closeCode: CloseCodeValue

  constructor(
    /** Close code: Unauthorized, Forbidden or NotFound. */
    readonly code: CloseCodeValue,
    message: string = CloseReason[code],
  ) {
    super(message)
    this.closeCode = code
  }

  /** No token, or a token nobody issued. */
  static unauthorized(message = 'a valid key or participant token is required'): AccessError {
    return new AccessError(CloseCode.Unauthorized, message)
  }

  /** A valid token that may not open this document. */
  static forbidden(message = 'this token may not open this document'): AccessError {
    return new AccessError(CloseCode.Forbidden, message)
  }

  /** The document does not exist. */
  static notFound(message = 'no such document'): AccessError {
    return new AccessError(CloseCode.NotFound, message)
  }
}
