/**
 * Presence of one document: the server's y-protocols `Awareness`, relayed between the
 * connections and the other instances. Never stored.
 *
 * Only changes that advance a client's clock (or remove its state) are relayed. Clients echo
 * every awareness update they receive; those echoes carry no news and stop here instead of
 * circling between clients.
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import type { Connection } from './Connection'
import { type AwarenessEntry, encodeAwareness } from './messages'

/** Origin of awareness changes that came from another instance. */
const REMOTE_ORIGIN = Symbol('remote')

/** The awareness of one room and its relaying. */
export class PresenceRelay {
  readonly awareness: awarenessProtocol.Awareness

  constructor(
    doc: Y.Doc,
    /** The room's open connections, read at relay time. */
    private readonly connections: () => Iterable<Connection>,
    /** Publishes a local change to the other instances. */
    private readonly publish: (update: Uint8Array) => void,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc)
    // The server is not a participant: it must not announce a state of its own.
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onUpdate)
  }

  /** A frame with every known state, or null when nobody is present. */
  frameOfAll(): Uint8Array | null {
    const clients = [...this.awareness.getStates().keys()]
    return clients.length === 0 ? null : this.frameOf(clients)
  }

  /** Applies a (decoded and checked) awareness update a connection sent. */
  receive(conn: Connection, update: Uint8Array, entries: AwarenessEntry[]): void {
    for (const entry of entries) {
      if (entry.state === null) conn.awarenessClients.delete(entry.clientID)
      else conn.awarenessClients.add(entry.clientID)
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn)
  }

  /** Removes the states a connection announced, for everyone. */
  forget(conn: Connection): void {
    const gone = [...conn.awarenessClients].filter((id) => this.awareness.states.has(id))
    if (gone.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, gone, conn)
  }

  /** Applies an awareness update published by another instance. */
  applyRemote(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_ORIGIN)
  }

  /** Stops the timeout timer. */
  destroy(): void {
    this.awareness.off('update', this.onUpdate)
    this.awareness.destroy()
  }

  private frameOf(clients: number[]): Uint8Array {
    return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients))
  }

  private readonly onUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const clients = [...change.added, ...change.updated, ...change.removed]
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)
    const frame = encodeAwareness(update)
    for (const conn of this.connections()) if (conn !== origin) conn.send(frame)
    if (origin !== REMOTE_ORIGIN) this.publish(update)
  }
}
