/**
 * Everything one open poster needs outside React: the connection (doc, IndexedDB, socket,
 * awareness), the tldraw store, and the document and presence bindings, started once the
 * document is ready. The page creates one per mount and destroys it on unmount.
 */
import { atom, createTLStore, createUserId, type TLStore, type TLUser, UserRecordType } from 'tldraw'
import { createPosterAssetStore } from './assetStore'
import { PosterConnection } from './PosterConnection'
import { PresenceBinding } from './PresenceBinding'
import type { PosterUser } from './posterUser'
import { YjsTldrawBinding } from './YjsTldrawBinding'

/** Options of a poster session. */
export interface PosterSessionOptions {
  docName: string
  token?: string | null
  user: PosterUser
  /** Open without editing even if the server would allow it (projector, archive preview). */
  readOnly?: boolean
}

function toTLUser(user: PosterUser): TLUser {
  return UserRecordType.create({ id: createUserId(user.id), name: user.name, color: user.color })
}

/** One open poster: connection, store and bindings. */
export class PosterSession {
  readonly connection: PosterConnection
  readonly store: TLStore
  readonly user = atom<TLUser | null>('poster user', null)
  private readonly online = atom<'online' | 'offline'>('poster online', 'offline')
  private readonly mode = atom<'readonly' | 'readwrite'>('poster mode', 'readwrite')
  private binding: YjsTldrawBinding | null = null
  private presence: PresenceBinding | null = null
  private loadError: Error | null = null
  private readonly unsubscribe: () => void

  constructor(readonly options: PosterSessionOptions) {
    this.user.set(toTLUser(options.user))
    this.connection = new PosterConnection({ docName: options.docName, token: options.token })
    this.store = createTLStore({
      assets: createPosterAssetStore({ docName: options.docName, token: options.token }),
      collaboration: { status: this.online, mode: this.mode },
    })
    this.unsubscribe = this.connection.subscribe(() => this.onConnectionChange())
    this.onConnectionChange()
    window.addEventListener('pagehide', this.flush)
  }

  /** True once the bindings run and the editor may be shown. */
  isStarted(): boolean {
    return this.binding !== null
  }

  /** The error that prevented loading the document, if any. */
  getLoadError(): Error | null {
    return this.loadError
  }

  /** Changes the name or colour shown to collaborators. */
  setUser(user: PosterUser): void {
    this.user.set(toTLUser(user))
  }

  /** Writes pending edits to the document now (before the page goes away). */
  readonly flush = (): void => {
    this.binding?.flush()
  }

  /** Stops syncing and closes the connection. */
  destroy(): void {
    window.removeEventListener('pagehide', this.flush)
    this.unsubscribe()
    this.presence?.stop()
    this.binding?.destroy()
    this.connection.destroy()
  }

  private onConnectionChange(): void {
    const state = this.connection.getState()
    this.online.set(state.status === 'saved' || state.status === 'saving' ? 'online' : 'offline')
    const readOnly = this.options.readOnly || state.readOnly || state.status === 'refused'
    this.mode.set(readOnly ? 'readonly' : 'readwrite')
    if (state.ready && !this.binding && !this.loadError) this.startBindings()
  }

  private startBindings(): void {
    const binding = new YjsTldrawBinding(this.store, this.connection.doc, {
      onInvalidRecord: (record, error) =>
        console.warn('skipped a record this client cannot show', record.id, error),
    })
    try {
      binding.start()
    } catch (error) {
      this.loadError = error instanceof Error ? error : new Error(String(error))
      return
    }
    this.binding = binding
    this.presence = new PresenceBinding(this.store, this.connection.awareness, this.user)
    this.presence.start()
  }
}
