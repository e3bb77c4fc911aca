/**
 * Presence over y-protocols awareness: the local user's cursor, selection and camera are
 * published (throttled) in the awareness state; other clients' states become tldraw
 * `instance_presence` records so tldraw draws their cursors with names and colours.
 */
import {
  createPresenceStateDerivation,
  InstancePresenceRecordType,
  react,
  type Signal,
  type TLInstancePresence,
  type TLStore,
  type TLUser,
} from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'

/** Awareness field holding the tldraw presence of a client. */
export const PRESENCE_FIELD = 'presence'
/** Awareness field holding `{ name, color }` for views that show who is online (wall tiles). */
export const USER_FIELD = 'user'

/** Default time between two published presence states while the pointer moves. */
export const PRESENCE_THROTTLE_MS = 80

interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}

/** Publishes local presence and mirrors remote presence into a tldraw store. */
export class PresenceBinding {
  private readonly remote = new Map<number, TLInstancePresence['id']>()
  private latest: TLInstancePresence | null = null
  private lastPublishedAt = Number.NEGATIVE_INFINITY
  private timer: ReturnType<typeof setTimeout> | null = null
  private stopReact: (() => void) | null = null

  constructor(
    private readonly store: TLStore,
    private readonly awareness: Awareness,
    private readonly user: Signal<TLUser | null>,
    private readonly throttleMs = PRESENCE_THROTTLE_MS,
  ) {}

  /** Starts publishing and mirroring. */
  start(): void {
    const instanceId = InstancePresenceRecordType.createId(String(this.awareness.clientID))
    const presence = createPresenceStateDerivation(this.user, { instanceId })(this.store)
    this.stopReact = react('publish presence', () => {
      this.latest = presence.get()
      // Read the user too: a rename must reach the others even before the editor shows.
      this.user.get()
      this.schedule()
    })
    this.awareness.on('change', this.onChange)
    this.onChange({ added: [...this.awareness.getStates().keys()], updated: [], removed: [] })
  }

  /** Stops, withdraws the local presence and removes remote cursors from the store. */
  stop(): void {
    this.stopReact?.()
    if (this.timer) clearTimeout(this.timer)
    this.awareness.off('change', this.onChange)
    this.awareness.setLocalStateField(PRESENCE_FIELD, null)
    const ids = [...this.remote.values()].filter((id) => this.store.has(id))
    this.remote.clear()
    if (ids.length) this.store.mergeRemoteChanges(() => this.store.remove(ids))
  }

  private schedule(): void {
    if (this.timer) return
    const wait = this.lastPublishedAt + this.throttleMs - Date.now()
    if (wait <= 0) {
      this.publish()
      return
    }
    this.timer = setTimeout(() => {
      this.timer = null
      this.publish()
    }, wait)
  }

  /** One awareness update per publish: every local state change is sent to everyone. */
  private publish(): void {
    this.lastPublishedAt = Date.now()
    const user = this.user.get()
    this.awareness.setLocalState({
      ...this.awareness.getLocalState(),
      [USER_FIELD]: user ? { name: user.name, color: user.color } : null,
      [PRESENCE_FIELD]: this.latest,
    })
  }

  private readonly onChange = ({ added, updated, removed }: AwarenessChange): void => {
    const puts: TLInstancePresence[] = []
    const removes: TLInstancePresence['id'][] = []
    const states = this.awareness.getStates()
    for (const clientId of [...added, ...updated]) {
      if (clientId === this.awareness.clientID) continue
      const record = toPresenceRecord(clientId, states.get(clientId)?.[PRESENCE_FIELD])
      if (record) {
        this.remote.set(clientId, record.id)
        puts.push(record)
      } else if (this.remote.has(clientId)) {
        removes.push(this.remote.get(clientId)!)
        this.remote.delete(clientId)
      }
    }
    for (const clientId of removed) {
      const id = this.remote.get(clientId)
      if (id) removes.push(id)
      this.remote.delete(clientId)
    }
    const gone = removes.filter((id) => this.store.has(id))
    if (puts.length === 0 && gone.length === 0) return
    this.store.mergeRemoteChanges(() => {
      if (gone.length) this.store.remove(gone)
      if (puts.length) this.store.put(puts)
    })
  }
}

/**
 * Turns a remote awareness value into a presence record, or null when it is missing or
 * malformed. The activity time is this device's clock at arrival, so a peer whose clock is
 * off does not look idle (tldraw hides idle cursors).
 */
export function toPresenceRecord(clientId: number, value: unknown): TLInstancePresence | null {
  if (!value || typeof value !== 'object') return null
  try {
    return InstancePresenceRecordType.validate({
      ...(value as object),
      id: InstancePresenceRecordType.createId(String(clientId)),
      typeName: 'instance_presence',
      lastActivityTimestamp: Date.now(),
    }) as TLInstancePresence
  } catch {
    return null
  }
}
