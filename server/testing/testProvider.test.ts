import { afterEach, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { PosterClient } from './PosterClient'
import { testProvider } from './testProvider'

const open: Array<WebsocketProvider | PosterClient> = []
afterEach(() => {
  for (const client of open.splice(0)) client.destroy()
})

it('adds no process exit listener per client, so a test may open many at once without warnings', () => {
  const before = process.listenerCount('exit')
  // Nothing listens there: the clients keep trying to connect until they are destroyed.
  for (let i = 0; i < 12; i++) {
    open.push(testProvider('ws://127.0.0.1:9/sync', `s-doc${i}`, new Y.Doc()))
    open.push(new PosterClient('ws://127.0.0.1:9/sync', `s-poster${i}`, `client ${i}`))
  }
  expect(process.listenerCount('exit')).toBe(before)
})
