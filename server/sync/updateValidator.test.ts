import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getRecordKV, RECORDS_ARRAY, readRecords, seedDocument, writeRecord } from '../../shared/docLayout'
import { blankPosterRecords, serializedPosterSchema } from '../../shared/posterSchema'
import { noteRecord } from './testDoubles'
import { PosterUpdateValidator } from './updateValidator'

/** A server doc (seeded blank poster) and a client replica of it. */
function setup() {
  const server = new Y.Doc()
  seedDocument(server, blankPosterRecords(), serializedPosterSchema())
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  return { server, client, validator: new PosterUpdateValidator(server) }
}

/** Runs `edit` on the client and returns the update it produced. */
function edit(client: Y.Doc, fn: () => void): Uint8Array {
  const before = Y.encodeStateVector(client)
  client.transact(fn)
  return Y.encodeStateAsUpdate(client, before)
}

describe('PosterUpdateValidator', () => {
  it('accepts a valid note', () => {
    const { client, validator } = setup()
    const update = edit(client, () => writeRecord(getRecordKV(client), noteRecord()))
    expect(validator.check(update)).toBeNull()
  })

  it('refuses a note whose x is not a number', () => {
    const { client, validator } = setup()
    const update = edit(client, () => writeRecord(getRecordKV(client), { ...noteRecord(), x: 'abc' }))
    expect(validator.check(update)).toMatch(/shape:n1.*x/)
  })

  it('refuses a record of an unknown type', () => {
    const { client, validator } = setup()
    const update = edit(client, () =>
      writeRecord(getRecordKV(client), { id: 'gadget:1', typeName: 'gadget' }),
    )
    expect(validator.check(update)).toMatch(/unknown record type "gadget"/)
  })

  it('accepts a field edit of an existing record and refuses a bad one', () => {
    const { server, client, validator } = setup()
    const create = edit(client, () => writeRecord(getRecordKV(client), noteRecord()))
    Y.applyUpdate(server, create)
    const move = edit(client, () => getRecordKV(client).set('shape:n1/x', 300))
    expect(validator.check(move)).toBeNull()
    Y.applyUpdate(server, move)
    expect(readRecords(server).get('shape:n1')?.x).toBe(300)
    const bad = edit(client, () => getRecordKV(client).set('shape:n1/props.color', 'ultraviolet'))
    expect(validator.check(bad)).toMatch(/color/)
  })

  it('checks every changed field of a note it validated before, whichever parts changed', () => {
    const { server, client, validator } = setup()
    const kv = getRecordKV(client)
    const create = edit(client, () => writeRecord(kv, noteRecord()))
    expect(validator.check(create)).toBeNull()
    Y.applyUpdate(server, create)
    const move = edit(client, () => {
      kv.set('shape:n1/x', 40)
      kv.set('shape:n1/meta', { by: 'a' })
    })
    expect(validator.check(move)).toBeNull()
    Y.applyUpdate(server, move)
    for (const [key, bad, message] of [
      ['shape:n1/y', 'abc', /y/],
      ['shape:n1/rotation', 'abc', /rotation/],
      ['shape:n1/opacity', 7, /opacity/],
      ['shape:n1/props.color', 'ultraviolet', /color/],
      ['shape:n1/props.richText', { type: 'doc', content: 'text' }, /richText/],
      ['shape:n1/props.extra', 1, /extra/],
    ] as const) {
      const replica = new Y.Doc()
      Y.applyUpdate(replica, Y.encodeStateAsUpdate(server))
      const update = edit(replica, () => getRecordKV(replica).set(key, bad as never))
      const problem = validator.check(update)
      expect(problem, key).not.toBeNull()
      expect(problem).toMatch(message)
    }
    const text = edit(client, () =>
      getRecordKV(client).set('shape:n1/props.richText', {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'moved' }] }],
      }),
    )
    expect(validator.check(text)).toBeNull()
  })

  it('refuses deleting a required field of a record that stays', () => {
    const { server, client, validator } = setup()
    Y.applyUpdate(
      server,
      edit(client, () => writeRecord(getRecordKV(client), noteRecord())),
    )
    const update = edit(client, () => getRecordKV(client).delete('shape:n1/x'))
    expect(validator.check(update)).toMatch(/shape:n1/)
  })

  it('accepts deleting a whole record', () => {
    const { server, client, validator } = setup()
    const note = noteRecord()
    Y.applyUpdate(
      server,
      edit(client, () => writeRecord(getRecordKV(client), note)),
    )
    const kv = getRecordKV(client)
    const update = edit(client, () => {
      for (const key of [...kv.map.keys()]) if (key.startsWith('shape:n1/')) kv.delete(key)
    })
    expect(validator.check(update)).toBeNull()
  })

  it('refuses nested types, text and unknown root types', () => {
    const { client, validator } = setup()
    expect(validator.check(edit(client, () => client.getArray(RECORDS_ARRAY).push([new Y.Map()])))).toMatch(
      /nested/,
    )
    const { client: c2, validator: v2 } = setup()
    expect(v2.check(edit(c2, () => c2.getText('notes').insert(0, 'x')))).toMatch(/unknown root type "notes"/)
    const { client: c3, validator: v3 } = setup()
    expect(v3.check(edit(c3, () => c3.getArray(RECORDS_ARRAY).push(['plain string'])))).toMatch(/key, val/)
    const { client: c4, validator: v4 } = setup()
    expect(v4.check(edit(c4, () => c4.getArray(RECORDS_ARRAY).push([{ key: 'nokey', val: 1 }])))).toMatch(
      /field key/,
    )
  })

  it('checks a whole poster of notes sent at once (a first sync step 2)', () => {
    const { client, validator } = setup()
    const update = edit(client, () => {
      const kv = getRecordKV(client)
      for (let i = 0; i < 150; i++) writeRecord(kv, noteRecord(`shape:bulk${i}`, `note ${i}`))
    })
    // A fresh server sees it all at once, ordered as Yjs encodes it.
    const fresh = new Y.Doc()
    const freshValidator = new PosterUpdateValidator(fresh)
    expect(validator.check(update)).toBeNull()
    expect(freshValidator.check(Y.encodeStateAsUpdate(client))).toBeNull()
  })

  it('accepts fields of a record that does not exist yet only once the record is valid', () => {
    const { server, client, validator } = setup()
    const orphan = edit(client, () => getRecordKV(client).set('shape:n2/x', 5))
    expect(validator.check(orphan)).toBeNull()
    Y.applyUpdate(server, orphan)
    const kv = getRecordKV(client)
    const partial = edit(client, () => kv.set('shape:n2/typeName', 'shape'))
    expect(validator.check(partial)).not.toBeNull()
  })
})
