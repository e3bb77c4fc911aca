/**
 * Refusals of round operations, carrying the HTTP status the API answers with.
 */

/** A round operation that cannot be done; `status` is 400, 401, 403, 404 or 409. */
export class RoundError extends Error {
  override name = 'RoundError'
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409,
    message: string,
  ) {
    super(message)
  }
}
