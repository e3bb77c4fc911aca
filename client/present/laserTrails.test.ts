import {
  atom,
  CameraRecordType,
  createUserId,
  InstancePageStateRecordType,
  InstancePresenceRecordType,
  PageRecordType,
  PointerRecordType,
  TLINSTANCE_ID,
  type TLInstancePresence,
  TLPOINTER_ID,
  type TLRecord,
  type TLScribble,
  type TLStore,
  type TLUser,
  UserRecordType,
} from 'tldraw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { PRESENCE_FIELD, PresenceBinding } from '../poster/PresenceBinding'
import { newStore } from '../poster/testing/memoryPeers'
import { laserTrails } from './laserTrails'

/** Relays awareness updates from `from` to `to`, as the server does. */
function relay(from: Awareness, to: Awareness) {
  from.on(
    'update',
    ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [...added, ...updated, ...removed]), 'relay')
    },
  )
}

/** The per-session records tldraw's editor creates (instance, page state, camera, pointer). */
function sessionRecords(store: TLStore): TLRecord[] {
  const pageId = PageRecordType.createId('poster')
  return [
    PageRecordType.create({ id: pageId, name: 'Poster', index: 'a1' as never }),
    store.schema.types.instance.create({ id: TLINSTANCE_ID, currentPageId: pageId }),
    InstancePageStateRecordType.create({ id: InstancePageStateRecordType.createId(pageId), pageId }),
    CameraRecordType.create({ id: CameraRecordType.createId(pageId) }),
    PointerRecordType.create({ id: TLPOINTER_ID }),
  ]
}

function scribble(id: string, color: TLScribble['color'], points: [number, number][]): TLScribble {
  return {
    id,
    points: points.map(([x, y]) => ({ x, y, z: 0.5 })),
    size: 4,
    color,
    opacity: 0.7,
    state: 'active',
    delay: 0,
    shrink: 0.05,
    taper: true,
  }
}

describe('laser pointer over presence', () => {
  afterEach(() => vi.useRealTimers())

  it('publishes the local laser scribbles and shows them as the peer’s presence and trail', () => {
    vi.useFakeTimers()
    const presenter = new Awareness(new Y.Doc())
    const screen = new Awareness(new Y.Doc())
    relay(presenter, screen)
    const presenterStore = newStore()
    presenterStore.put(sessionRecords(presenterStore))
    const user = atom<TLUser | null>(
      'user',
      UserRecordType.create({ id: createUserId('mette'), name: 'Mette', color: '#d62828' }),
    )
    const sending = new PresenceBinding(presenterStore, presenter, user, 80)
    const screenStore = newStore()
    const receiving = new PresenceBinding(screenStore, screen, atom<TLUser | null>('none', null), 80)
    sending.start()
    receiving.start()

    const instance = presenterStore.get(TLINSTANCE_ID)!
    const trail = scribble('s1', 'laser', [
      [100, 200],
      [140, 220],
      [180, 260],
    ])
    presenterStore.put([{ ...instance, scribbles: [trail] }])
    vi.advanceTimersByTime(200)

    const id = InstancePresenceRecordType.createId(String(presenter.clientID))
    const mirrored = screenStore.get(id) as TLInstancePresence | undefined
    expect(mirrored?.scribbles).toHaveLength(1)
    expect(mirrored?.scribbles[0]).toMatchObject({
      id: 's1',
      color: 'laser',
      points: [{ x: 100 }, {}, { y: 260 }],
    })
    expect(laserTrails(screen.getStates(), screen.clientID)).toEqual([
      {
        key: `${presenter.clientID}:s1`,
        points: [
          { x: 100, y: 200 },
          { x: 140, y: 220 },
          { x: 180, y: 260 },
        ],
        size: 4,
        opacity: 0.7,
      },
    ])

    // The trail fades out: once tldraw drops the scribble, the screen drops it too.
    presenterStore.put([{ ...presenterStore.get(TLINSTANCE_ID)!, scribbles: [] }])
    vi.advanceTimersByTime(200)
    expect((screenStore.get(id) as TLInstancePresence).scribbles).toEqual([])
    expect(laserTrails(screen.getStates(), screen.clientID)).toEqual([])
    sending.stop()
    receiving.stop()
  })

  it('keeps only laser scribbles of other clients and skips malformed ones', () => {
    const states = new Map<number, Record<string, unknown>>([
      [
        1,
        {
          [PRESENCE_FIELD]: {
            scribbles: [scribble('a', 'laser', [[1, 2]]), scribble('b', 'muted-1', [[3, 4]])],
          },
        },
      ],
      [2, { [PRESENCE_FIELD]: { scribbles: [scribble('c', 'laser', [[5, 6]])] } }],
      [3, { [PRESENCE_FIELD]: { scribbles: 'nope' } }],
      [4, { [PRESENCE_FIELD]: { scribbles: [{ color: 'laser', points: [{ x: 'a', y: 1 }] }, null] } }],
      [5, { [PRESENCE_FIELD]: null }],
    ])
    expect(laserTrails(states, 2).map((t) => t.key)).toEqual(['1:a'])
  })
})
