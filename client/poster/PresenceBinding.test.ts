import {
  atom,
  createUserId,
  InstancePresenceRecordType,
  type TLInstancePresence,
  type TLUser,
  UserRecordType,
} from 'tldraw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { PRESENCE_FIELD, PresenceBinding, toPresenceRecord, USER_FIELD } from './PresenceBinding'
import { newStore } from './testing/memoryPeers'

function presenceOf(name: string, x: number): Omit<TLInstancePresence, 'id'> {
  const { id: _id, ...rest } = InstancePresenceRecordType.create({
    id: InstancePresenceRecordType.createId('tmp'),
    userId: createUserId(name.toLowerCase()),
    userName: name,
    color: '#d62828',
    currentPageId: 'page:poster' as never,
    cursor: { x, y: 40, type: 'default', rotation: 0 },
  })
  return rest
}

/** Relays awareness updates from `from` to `to`, as the server does. */
function relay(from: Awareness, to: Awareness) {
  from.on(
    'update',
    ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [...added, ...updated, ...removed]), 'relay')
    },
  )
}

const user = atom<TLUser | null>('user', null)

describe('PresenceBinding', () => {
  it('shows a remote cursor with name and colour, follows it, and removes it when the peer leaves', () => {
    const mine = new Awareness(new Y.Doc())
    const theirs = new Awareness(new Y.Doc())
    relay(theirs, mine)
    const store = newStore()
    const binding = new PresenceBinding(store, mine, user)
    binding.start()

    theirs.setLocalStateField(PRESENCE_FIELD, presenceOf('Mette', 100))
    const id = InstancePresenceRecordType.createId(String(theirs.clientID))
    expect(store.get(id)).toMatchObject({ userName: 'Mette', color: '#d62828', cursor: { x: 100 } })

    theirs.setLocalStateField(PRESENCE_FIELD, presenceOf('Mette', 250))
    expect(store.get(id)).toMatchObject({ cursor: { x: 250 } })

    theirs.setLocalState(null)
    expect(store.get(id)).toBeUndefined()
    binding.stop()
  })

  it('ignores malformed presence from a peer', () => {
    expect(toPresenceRecord(7, { userName: 42 })).toBeNull()
    expect(toPresenceRecord(7, 'hello')).toBeNull()
    expect(toPresenceRecord(7, presenceOf('Ann', 1))?.id).toBe(InstancePresenceRecordType.createId('7'))
  })

  it('stamps arrival time so a peer with a wrong clock is not shown as idle', () => {
    const old = { ...presenceOf('Ann', 1), lastActivityTimestamp: 1000 }
    const record = toPresenceRecord(3, old)!
    expect(Date.now() - (record.lastActivityTimestamp ?? 0)).toBeLessThan(5000)
  })

  it('sends a burst of local changes as a few throttled awareness updates', () => {
    vi.useFakeTimers()
    const awareness = new Awareness(new Y.Doc())
    const me = atom<TLUser | null>('me', null)
    const binding = new PresenceBinding(newStore(), awareness, me, 80)
    binding.start()
    let updates = 0
    awareness.on('update', () => updates++)
    for (let i = 0; i < 30; i++) {
      me.set(UserRecordType.create({ id: createUserId('me'), name: `Mette ${i}`, color: '#15803d' }))
      vi.advanceTimersByTime(10)
    }
    vi.advanceTimersByTime(200)
    expect(updates).toBeGreaterThanOrEqual(3)
    expect(updates).toBeLessThanOrEqual(6)
    expect(awareness.getLocalState()?.[USER_FIELD]).toEqual({ name: 'Mette 29', color: '#15803d' })
    binding.stop()
  })
})

afterEach(() => {
  vi.useRealTimers()
})
