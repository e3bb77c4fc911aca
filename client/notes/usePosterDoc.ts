/**
 * Opens a poster document without the canvas: the notes-only page reads and writes its
 * records directly (shared/docLayout.ts) through one live document (client/live/), with the
 * same IndexedDB copy the canvas keeps and a presence entry under the participant's name.
 */
import { useEffect, useState, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import { type ConnectionStatus, DocConnection, INITIAL_CONNECTION_STATE } from '../live/DocConnection'

/** Connection state of a poster document. */
export interface PosterDocState {
  doc: Y.Doc | null
  /** The live connection, for counting this device's edits; null while none is open. */
  connection: DocConnection | null
  /** What the connection indicator shows. */
  status: ConnectionStatus
  /** True while connected and synced with the server. */
  synced: boolean
  /** True once this device's copy (IndexedDB, shared with the canvas) has been read. */
  localLoaded: boolean
  /** True while the server is reachable and answering (the people list is current). */
  online: boolean
  /** Local edits not yet confirmed by the server (also while offline). */
  unsaved: boolean
  /** Number of this device's edits the server has confirmed (see `DocConnection.editCount`). */
  confirmed: number
  /** Reason of the last permission-denied answer (a write the server refused). */
  denied: string | null
  /** Close code after which the server will not take us back (bad token, wrong table…). */
  fatalClose: number | null
  /** Names of the people connected to this poster, me included. */
  names: string[]
  /** Bumped on every document change, so readers re-render. */
  version: number
}

/** Who I am on the poster, shown to the others through awareness. */
export interface PresenceUser {
  id: string
  name: string
  color: string
}

const closed = INITIAL_CONNECTION_STATE
const noop = () => () => {}

/** Connects to a poster document while the calling component is mounted. */
export function usePosterDoc(
  docName: string | null,
  token: string | null,
  user: PresenceUser | null,
): PosterDocState {
  const [connection, setConnection] = useState<DocConnection | null>(null)
  const [names, setNames] = useState<string[]>([])
  const [version, setVersion] = useState(0)
  const userKey = user ? `${user.id}\u0000${user.name}\u0000${user.color}` : ''

  // biome-ignore lint/correctness/useExhaustiveDependencies: user is captured by its key
  useEffect(() => {
    if (!docName || !token) {
      setConnection(null)
      return
    }
    // The same local copy the canvas keeps, so notes written offline survive a reload and merge later.
    const c = new DocConnection({ docName, token, persist: true })
    if (user) c.awareness.setLocalStateField('user', user)
    const onAwareness = () => {
      const all = [...c.awareness.getStates().values()]
        .map((s) => (s as { user?: { name?: unknown } }).user?.name)
        .filter((n): n is string => typeof n === 'string' && n.length > 0)
      setNames([...new Set(all)].sort((a, b) => a.localeCompare(b)))
    }
    c.awareness.on('change', onAwareness)
    onAwareness()
    const onUpdate = () => setVersion((v) => v + 1)
    c.doc.on('update', onUpdate)
    setConnection(c)
    return () => {
      c.doc.off('update', onUpdate)
      c.awareness.off('change', onAwareness)
      c.destroy()
    }
  }, [docName, token, userKey])

  const state = useSyncExternalStore(connection?.subscribe ?? noop, connection?.getState ?? (() => closed))
  return {
    doc: connection?.doc ?? null,
    connection,
    status: state.status,
    synced: state.synced,
    localLoaded: state.localLoaded,
    online: state.synced,
    unsaved: state.unsaved,
    confirmed: state.confirmed,
    denied: state.denied,
    fatalClose: state.closeCode,
    names,
    version,
  }
}
