/** Thrown when a write reaches a document store that has been closed (e.g. during shutdown). */
export class StoreClosedError extends Error {
  override name = 'StoreClosedError'
  constructor() {
    super('the document store is closed')
  }
}
