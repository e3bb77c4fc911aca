/**
 * One poster document on this device for the canvas: a live document (client/live/) with its
 * IndexedDB copy and presence, shown only once it holds the server's seed.
 */
import { isSeeded } from '../../shared/docLayout'
import { DocConnection, type DocConnectionOptions } from '../live/DocConnection'

export type { ConnectionState, ConnectionStatus } from '../live/DocConnection'

/** Options of a poster connection. */
export interface PosterConnectionOptions extends Omit<DocConnectionOptions, 'isReady' | 'presence'> {
  /** Keep an IndexedDB copy (default true; off in environments without IndexedDB). */
  persist?: boolean
}

/**
 * Owns the document of one poster. An unseeded document is never shown: the editor would
 * create a page of its own and race the server's seed.
 */
export class PosterConnection extends DocConnection {
  constructor(options: PosterConnectionOptions) {
    super({ ...options, persist: options.persist !== false, isReady: isSeeded })
  }
}
