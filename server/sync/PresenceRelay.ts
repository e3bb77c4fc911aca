/**
 * Presence of one document: the server's y-protocols `Awareness`, relayed between the
 * connections and the other instances. Never stored.
 *
 * Only changes that advance a client's clock (or remove its state) are relayed. Clients echo
 * every awareness update they receive; those echoes carry no news and stop here instead of
 * circling between clients. What one connection sends is rate-limited (`AwarenessThrottle`).
 */
import { equalityDeep } from 'lib0/function'
import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { CloseCode } from '../../shared/closeCodes'
import { AwarenessThrottle } from './AwarenessThrottle'
import type { Connection } from './Connection'
import { type AwarenessEntry, encodeAwareness } from './messages'

/** Seconds of flooding in a row after which a connection is closed. */
const FLOOD_STRIKES = 3

/** Origin of awareness changes that came from another instance. */
const REMOTE_ORIGIN = Symbol('remote')

/** The awareness of one room and its relaying. */
export class PresenceRelay {
  readonly awareness: awarenessProtocol.Awareness
  private readonly throttles = new WeakMap<Connection, AwarenessThrottle>()
  private readonly limits: { hz: number; maxPerSecond: number; strikes: number }
  /** While a batch is applied: the frame it arrived in, relayed as it is when every entry was news. */
  private relayFrame: Uint8Array | null = null

  constructor(
    doc: Y.Doc,
    /** The room's open connections, read at relay time. */
    private readonly connections: () => Iterable<Connection>,
    /** Publishes a local change to the other instances; null without a fan-out. */
    private readonly publish: ((update: Uint8Array) => void) | null,
    limits: { awarenessHz?: number; maxAwarenessPerSecond?: number } = {},
  ) {
    this.limits = {
      hz: limits.awarenessHz ?? 20,
      maxPerSecond: limits.maxAwarenessPerSecond ?? 100,
      strikes: FLOOD_STRIKES,
    }
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

  /**
   * Applies a (decoded and checked) awareness update a connection sent; `frame`: the frame it
   * arrived in, when that frame is exactly one awareness message (relayed as it is).
   */
  receive(conn: Connection, entries: AwarenessEntry[], frame: Uint8Array | null = null): void {
    for (const entry of entries) {
      if (entry.state === null) conn.awarenessClients.delete(entry.clientID)
      else conn.awarenessClients.add(entry.clientID)
    }
    let throttle = this.throttles.get(conn)
    if (!throttle) {
      throttle = new AwarenessThrottle(this.limits, (batch, received) => {
        if (!conn.closed) this.applyEntries(batch, conn, received)
      })
      this.throttles.set(conn, throttle)
    }
    if (!throttle.offer(entries, frame)) conn.close(CloseCode.AwarenessFlood)
  }

  /** Removes the states a connection announced, for everyone. */
  forget(conn: Connection): void {
    this.throttles.get(conn)?.cancel()
    this.throttles.delete(conn)
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

  /**
   * What y-protocols' `applyAwarenessUpdate` does, from entries the frame decoder has parsed
   * already, so each state's JSON is parsed once per frame. The server has no local state, so
   * no entry can concern it. When every entry is news, what is relayed is the same as
   * `received` (a frame of exactly these entries), so `received` is relayed as it is rather
   * than encoded again.
   */
  private applyEntries(entries: AwarenessEntry[], origin: unknown, received: Uint8Array | null): void {
    const { awareness } = this
    const lastUpdated = Date.now()
    const added: number[] = []
    const updated: number[] = []
    const changed: number[] = []
    const removed: number[] = []
    for (const { clientID, clock, state } of entries) {
      const known = awareness.meta.get(clientID)
      const knownClock = known?.clock ?? 0
      const removesPresent = clock === knownClock && state === null && awareness.states.has(clientID)
      if (clock <= knownClock && !removesPresent) continue
      const previous = awareness.states.get(clientID)
      if (state === null) awareness.states.delete(clientID)
      else awareness.states.set(clientID, state as Record<string, unknown>)
      awareness.meta.set(clientID, { clock, lastUpdated })
      if (!known) {
        if (state !== null) added.push(clientID)
      } else if (state === null) {
        removed.push(clientID)
      } else {
        updated.push(clientID)
        if (!equalityDeep(state, previous)) changed.push(clientID)
      }
    }
    if (added.length > 0 || changed.length > 0 || removed.length > 0)
      awareness.emit('change', [{ added, updated: changed, removed }, origin])
    if (added.length > 0 || updated.length > 0 || removed.length > 0) {
      this.relayFrame = added.length + updated.length + removed.length === entries.length ? received : null
      try {
        awareness.emit('update', [{ added, updated, removed }, origin])
      } finally {
        this.relayFrame = null
      }
    }
  }

  private frameOf(clients: number[]): Uint8Array {
    return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients))
  }

  private readonly onUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const publish = origin === REMOTE_ORIGIN ? null : this.publish
    let frame = this.relayFrame
    let update: Uint8Array | null = null
    if (!frame || publish) {
      const clients = [...change.added, ...change.updated, ...change.removed]
      update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)
      frame ??= encodeAwareness(update)
    }
    for (const conn of this.connections()) if (conn !== origin) conn.send(frame)
    if (publish && update) publish(update)
  }
}
