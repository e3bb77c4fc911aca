import { Store } from '@tldraw/store'
import type { TLRecord, TLShape, TLStoreProps } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { blankPosterRecords, POSTER_PAGE_ID, posterSchema } from '../../shared/posterSchema'
import { makeNoteRecord } from '../notes/noteRecord'
import { authorCanvasNotes } from './noteAuthor'

const mette = { authorId: 'p-mette', authorName: 'Mette' }

function posterStore(): Store<TLRecord, TLStoreProps> {
  const store = new Store<TLRecord, TLStoreProps>({
    schema: posterSchema,
    props: {
      defaultName: 'poster',
      assets: { upload: async () => ({ src: '' }), resolve: async () => null, remove: async () => {} },
      onMount: () => {},
    } as unknown as TLStoreProps,
  })
  store.mergeRemoteChanges(() => store.put(blankPosterRecords() as unknown as TLRecord[]))
  return store
}

function note(id: string, author = { authorId: '', authorName: '' }): TLShape {
  const record = makeNoteRecord({ id, parentId: POSTER_PAGE_ID, x: 0, y: 0, index: 'a1', text: id, author })
  if (author.authorId === '') record.meta = {}
  return record as unknown as TLShape
}

const metaOf = (store: Store<TLRecord, TLStoreProps>, id: string) => store.get(id as TLShape['id'])?.meta

describe('authorCanvasNotes', () => {
  it('names the participant on notes created here, not on notes from other devices', () => {
    const store = posterStore()
    const stop = authorCanvasNotes(store.sideEffects, mette)
    store.put([note('shape:mine')])
    store.mergeRemoteChanges(() => store.put([note('shape:remote')]))
    expect(metaOf(store, 'shape:mine')).toEqual({
      authorId: 'p-mette',
      authorName: 'Mette',
      createdAt: expect.any(String),
    })
    expect(metaOf(store, 'shape:remote')).toEqual({})
    stop()
    store.put([note('shape:after-stop')])
    expect(metaOf(store, 'shape:after-stop')).toEqual({})
  })

  it('keeps the author a note already names, and leaves other shapes alone', () => {
    const store = posterStore()
    authorCanvasNotes(store.sideEffects, mette)
    store.put([note('shape:bos', { authorId: 'p-bo', authorName: 'Bo' })])
    const frame = {
      ...note('shape:frame'),
      type: 'frame',
      props: { w: 100, h: 100, name: 'Q', color: 'black' },
    }
    store.put([frame as unknown as TLShape])
    expect(metaOf(store, 'shape:bos')).toMatchObject({ authorId: 'p-bo', authorName: 'Bo' })
    expect(metaOf(store, 'shape:frame')).toEqual({})
  })
})
