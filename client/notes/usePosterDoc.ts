/**
 * Opens a poster document over the standard y-websocket protocol without the canvas: the
 * notes-only page reads and writes its records directly (shared/docLayout.ts).
 */
import { useEffect, useState } from 'react'
import { IndexeddbPersistence } from 'y-indexeddb'
import { readAuthMessage } from 'y-protocols/auth'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { FATAL_CLOSE_CODES } from '../../shared/closeCodes'
import { MessageType } from '../../shared/protocol'
import { syncBaseUrl } from '../join/useTableContext'

/** Connection state of a poster document. */
export interface PosterDocState {
  doc: Y.Doc | null
  /** True once the first sync with the server finished. */
  synced: boolean
  /** True once this device's copy (IndexedDB, shared with the canvas) has been read. */
  localLoaded: boolean
  online: boolean
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

/** Connects to a poster document while the calling component is mounted. */
export function usePosterDoc(
  docName: string | null,
  token: string | null,
  user: PresenceUser | null,
): PosterDocState {
  const [state, setState] = useState<PosterDocState>({
    doc: null,
    synced: false,
    localLoaded: false,
    online: false,
    denied: null,
    fatalClose: null,
    names: [],
    version: 0,
  })
  const userKey = user ? `${user.id}\u0000${user.name}\u0000${user.color}` : ''

  // biome-ignore lint/correctness/useExhaustiveDependencies: user is captured by its key
  useEffect(() => {
    if (!docName || !token) return
    const doc = new Y.Doc()
    const provider = new WebsocketProvider(syncBaseUrl(), docName, doc, {
      params: { token },
      shouldReconnect: (event: CloseEvent) => !FATAL_CLOSE_CODES.has(event.code),
    })
    const patch = (p: Partial<PosterDocState>) => setState((s) => ({ ...s, ...p }))
    setState({
      doc,
      synced: false,
      localLoaded: false,
      online: false,
      denied: null,
      fatalClose: null,
      names: [],
      version: 0,
    })
    // The same local copy the canvas keeps, so notes written offline survive a reload and merge later.
    const local = typeof indexedDB === 'undefined' ? null : new IndexeddbPersistence(`plenum:${docName}`, doc)
    local?.whenSynced.then(() => patch({ localLoaded: true }))
    provider.messageHandlers[MessageType.Auth] = (_encoder, decoder) => {
      readAuthMessage(decoder, doc, (_doc, reason) => patch({ denied: reason }))
    }
    if (user) provider.awareness.setLocalStateField('user', user)
    const onAwareness = () => {
      const names = [...provider.awareness.getStates().values()]
        .map((s) => (s as { user?: { name?: unknown } }).user?.name)
        .filter((n): n is string => typeof n === 'string' && n.length > 0)
      patch({ names: [...new Set(names)].sort((a, b) => a.localeCompare(b)) })
    }
    provider.awareness.on('change', onAwareness)
    onAwareness()
    provider.on('sync', (synced: boolean) => patch({ synced }))
    provider.on('status', ({ status }: { status: string }) => patch({ online: status === 'connected' }))
    provider.on('closed', ({ code }: { code: number }) => patch({ fatalClose: code }))
    const onUpdate = () => setState((s) => ({ ...s, version: s.version + 1 }))
    doc.on('update', onUpdate)
    return () => {
      doc.off('update', onUpdate)
      provider.awareness.off('change', onAwareness)
      provider.destroy()
      void local?.destroy()
      doc.destroy()
    }
  }, [docName, token, userKey])

  return state
}
