/**
 * Errors of the workshop domain; the API maps them to HTTP statuses.
 */

/** Input that is well-formed but makes no sense (400), naming the field. */
export class ValidationError extends Error {
  override name = 'ValidationError'
  constructor(
    /** Dotted path of the offending field. */
    readonly field: string,
    message: string,
  ) {
    super(message)
  }
}

/** Something addressed by id or code does not exist (404). */
export class NotFoundError extends Error {
  override name = 'NotFoundError'
}
