/**
 * A stock y-websocket client for tests and benches in Node: the `ws` package as its WebSocket,
 * no BroadcastChannel, and without the process `exit` listener y-websocket adds per provider in
 * Node (to announce the client's departure as the process exits). Tests open more than ten
 * clients at once, so Node warned of a listener leak in every run; a test client's socket ends
 * with the process anyway, and `destroy()` closes it before.
 */
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'

/** Options of `WebsocketProvider`, less the WebSocket implementation. */
export type TestProviderOptions = Omit<
  NonNullable<ConstructorParameters<typeof WebsocketProvider>[3]>,
  'WebSocketPolyfill'
>

/** Connects `doc` to `<syncUrl>/<docName>`. */
export function testProvider(
  syncUrl: string,
  docName: string,
  doc: Y.Doc,
  options: TestProviderOptions = {},
): WebsocketProvider {
  const provider = new WebsocketProvider(syncUrl, docName, doc, {
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
    ...options,
  })
  const exitHandler = (provider as unknown as { _exitHandler?: () => void })._exitHandler
  if (exitHandler) process.off('exit', exitHandler)
  return provider
}
