/**
 * The stock y-websocket v3 `WebsocketProvider` (with `ws` as its WebSocket) behind the same
 * face as `LeanClient`, to check the lean client's figures against the real thing.
 */

import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { testProvider } from '../../server/testing/testProvider'
import type { SyncClient } from './LeanClient'

/** A `WebsocketProvider` and its document. */
export class StockClient implements SyncClient {
  readonly doc = new Y.Doc()
  readonly provider: WebsocketProvider
  readonly closeCodes: number[] = []
  onSynced: (() => void) | null = null

  /** `serverUrl` is the URL the document name is appended to, without the trailing slash. */
  constructor(serverUrl: string, docName: string) {
    this.provider = testProvider(serverUrl, docName, this.doc)
    this.provider.on('connection-close', (event) => {
      if (event) this.closeCodes.push(event.code)
    })
    this.provider.on('sync', (synced: boolean) => {
      if (synced) this.onSynced?.()
    })
  }

  get awareness() {
    return this.provider.awareness
  }

  get synced(): boolean {
    return this.provider.synced
  }

  get remoteOrigin(): unknown {
    return this.provider
  }

  whenSynced(): Promise<void> {
    if (this.provider.synced) return Promise.resolve()
    return new Promise((resolve) => {
      const onSync = (synced: boolean) => {
        if (!synced) return
        this.provider.off('sync', onSync)
        resolve()
      }
      this.provider.on('sync', onSync)
    })
  }

  destroy(): void {
    this.provider.destroy()
    this.doc.destroy()
  }
}
