/**
 * A key-value store over a Y.Array of `{ key, val }` entries, kept as an incremental index.
 *
 * Same document format and the same reading rule as y-utility's `YKeyValue`: a write appends
 * `{ key, val }` to the array and deletes the key's previous entry; when concurrent writers
 * leave two entries of one key, the one further right wins. `YKeyValue` finds out what changed
 * by copying and scanning the whole array after every transaction, so an edit costs more the
 * larger the poster. This index only looks at what a transaction inserted and deleted (read
 * from the transaction's state vectors and delete set), and compares positions by walking right
 * from the newer entry, which is almost always at the end: O(changed entries) per transaction.
 *
 * Duplicates (losing entries of concurrent writes) are resolved when reading, so every replica
 * sees the same value whether or not they were deleted yet. Deleting them is a write, so only a
 * store with `cleanUpDuplicates` on does it (the server, which stores and relays that write);
 * a read-only client never writes anything.
 */
import * as Y from 'yjs'

/** One entry of the array. */
export interface KVEntry<T> {
  key: string
  val: T
}

/** What happened to one key in a transaction (the shape of `YKeyValue`'s change events). */
export interface KVChange<T> {
  action: 'add' | 'update' | 'delete'
  oldValue?: T
  newValue?: T
}

/** Listener of `change` events. */
export type KVListener<T> = (changes: Map<string, KVChange<T>>, transaction: Y.Transaction) => void

/** Where an entry lives: its Yjs id (stable when items are split or merged). */
interface Located<T> {
  entry: KVEntry<T>
  client: number
  clock: number
}

/**
 * The current entry of every key (the objects stored in the array), read-only: a view of the
 * index rather than a second map, so each key costs one map slot.
 */
class EntryView<T> implements ReadonlyMap<string, KVEntry<T>> {
  constructor(private readonly current: Map<string, Located<T>>) {}
  get size(): number {
    return this.current.size
  }
  get(key: string): KVEntry<T> | undefined {
    return this.current.get(key)?.entry
  }
  has(key: string): boolean {
    return this.current.has(key)
  }
  forEach(fn: (value: KVEntry<T>, key: string, map: ReadonlyMap<string, KVEntry<T>>) => void): void {
    for (const [key, located] of this.current) fn(located.entry, key, this)
  }
  *entries(): MapIterator<[string, KVEntry<T>]> {
    for (const [key, located] of this.current) yield [key, located.entry]
  }
  keys(): MapIterator<string> {
    return this.current.keys()
  }
  *values(): MapIterator<KVEntry<T>> {
    for (const located of this.current.values()) yield located.entry
  }
  [Symbol.iterator](): MapIterator<[string, KVEntry<T>]> {
    return this.entries()
  }
}

/** Key-value store over a Y.Array with an incremental index. */
export class KeyValueStore<T> {
  private readonly current = new Map<string, Located<T>>()
  /** The current entry of every key (the objects stored in the array). */
  readonly map: ReadonlyMap<string, KVEntry<T>> = new EntryView(this.current)
  readonly doc: Y.Doc
  /** Entries that lost to a concurrent write of their key and are not deleted yet. */
  private readonly losers = new Map<string, Located<T>[]>()
  private readonly listeners = new Set<KVListener<T>>()
  /** A struct id at or near the end of the array, to append without walking the whole list. */
  private tailId: Y.ID | null = null
  /** Entries appended in the running transaction (indexed once it ends), by key. */
  private readonly pending = new Map<string, Located<T>>()
  private cleaning = false

  /** Whether this store deletes duplicate entries it sees (a write). Off by default. */
  cleanUpDuplicates = false

  constructor(readonly yarray: Y.Array<KVEntry<T>>) {
    this.doc = yarray.doc as Y.Doc
    let last: Y.Item | null = null
    for (let item = yarray._start; item !== null; item = item.right) {
      last = item
      if (!item.deleted && item.content instanceof Y.ContentAny) this.indexItem(item, 0, null, true)
    }
    if (last) this.tailId = last.lastId
    this.doc.on('afterTransaction', this.onTransaction)
  }

  /** The value of a key, or undefined. */
  get(key: string): T | undefined {
    return this.current.get(key)?.entry.val
  }

  /** True when the key has a value. */
  has(key: string): boolean {
    return this.current.has(key)
  }

  /** Writes a value: appends the entry and deletes the key's previous ones. */
  set(key: string, val: T): void {
    this.doc.transact((tr) => {
      this.deleteEntries(tr, key)
      this.append(tr, { key, val })
    })
  }

  /** Deletes a key (every entry of it). */
  delete(key: string): void {
    if (!this.current.has(key) && !this.losers.has(key) && !this.pending.has(key)) return
    this.doc.transact((tr) => this.deleteEntries(tr, key))
  }

  /** Deletes every duplicate entry present now, if `cleanUpDuplicates` is on. */
  cleanUp(): void {
    if (!this.cleanUpDuplicates || this.losers.size === 0) return
    const keys = [...this.losers.keys()]
    this.doc.transact((tr) => {
      for (const key of keys) this.deleteLosers(tr, key)
    })
  }

  /** Listens to changes (`'change'` is the only event). */
  on(_event: 'change', listener: KVListener<T>): void {
    this.listeners.add(listener)
  }

  /** Stops listening. */
  off(_event: 'change', listener: KVListener<T>): void {
    this.listeners.delete(listener)
  }

  /** Detaches from the document. */
  destroy(): void {
    this.doc.off('afterTransaction', this.onTransaction)
    this.listeners.clear()
  }

  private readonly onTransaction = (tr: Y.Transaction): void => {
    this.pending.clear()
    if (!tr.changed.has(this.yarray)) return
    const changes = new Map<string, KVChange<T>>()
    const touched = new Set<string>()
    const vacated = new Set<string>()
    // Deletions first: an update that replaces a key deletes its old entry and adds a new one.
    Y.iterateDeletedStructs(tr, tr.deleteSet, (struct) => {
      if (!(struct instanceof Y.Item) || struct.parent !== this.yarray) return
      if (!(struct.content instanceof Y.ContentAny)) return
      const arr = struct.content.arr as KVEntry<T>[]
      for (let i = 0; i < arr.length; i++)
        this.unindex(arr[i], struct.id.client, struct.id.clock + i, changes, vacated)
    })
    for (const [client, after] of tr.afterState) {
      const before = tr.beforeState.get(client) ?? 0
      if (after <= before) continue
      const structs = this.doc.store.clients.get(client) ?? []
      for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
        const struct = structs[i]
        if (struct.id.clock >= after) break
        if (!(struct instanceof Y.Item) || struct.deleted || struct.parent !== this.yarray) continue
        if (!(struct.content instanceof Y.ContentAny)) continue
        this.indexItem(struct, Math.max(0, before - struct.id.clock), changes, false, touched, vacated)
      }
    }
    for (const key of vacated) this.current.delete(key)
    this.tailId = this.findTail()?.lastId ?? null
    if (changes.size > 0) for (const listener of [...this.listeners]) listener(changes, tr)
    if (this.cleanUpDuplicates && !this.cleaning && [...touched].some((key) => this.losers.has(key))) {
      this.cleaning = true
      try {
        this.doc.transact((cleanup) => {
          for (const key of touched) this.deleteLosers(cleanup, key)
        })
      } finally {
        this.cleaning = false
      }
    }
  }

  /**
   * Indexes the entries of an item from `offset` on; records changes when given. `inOrder`:
   * items come left to right, so each entry is right of what the index holds. `vacated`: keys
   * whose entry this transaction deleted, still in the index until it ends.
   */
  private indexItem(
    item: Y.Item,
    offset: number,
    changes: Map<string, KVChange<T>> | null,
    inOrder: boolean,
    touched?: Set<string>,
    vacated?: Set<string>,
  ): void {
    const arr = (item.content as Y.ContentAny).arr as KVEntry<T>[]
    for (let i = offset; i < arr.length; i++) {
      const entry = arr[i]
      if (!entry || typeof entry.key !== 'string') continue
      const located = { entry, client: item.id.client, clock: item.id.clock + i }
      const held = vacated?.delete(entry.key) ? undefined : this.current.get(entry.key)
      touched?.add(entry.key)
      if (held && !inOrder && !this.isRightOf(located, held)) {
        this.addLoser(entry.key, located)
        continue
      }
      if (held) this.addLoser(entry.key, held)
      this.current.set(entry.key, located)
      if (changes) noteChange(changes, entry.key, held?.entry.val, entry.val)
    }
  }

  /**
   * An entry was deleted: drop it, and let a surviving duplicate take over its key. A key left
   * without an entry is only noted in `vacated`: it is removed from the index when the
   * transaction ends, unless the transaction wrote the key again (a move deletes a field's
   * entry and appends a new one). A JavaScript `Map` keeps a deleted key's slot in its hash
   * chain until it is rebuilt, so deleting and re-adding the same keys on every edit made the
   * chains of the moved keys thousands of slots long on a large poster: lookups of those keys
   * slowed from ~0.1 to ~20 µs until the next rebuild, and a larger poster waits longer for it.
   */
  private unindex(
    entry: KVEntry<T>,
    client: number,
    clock: number,
    changes: Map<string, KVChange<T>>,
    vacated: Set<string>,
  ): void {
    if (!entry || typeof entry.key !== 'string') return
    const key = entry.key
    const held = this.current.get(key)
    if (!held || held.client !== client || held.clock !== clock) {
      const list = this.losers.get(key)
      if (!list) return
      const rest = list.filter((l) => l.client !== client || l.clock !== clock)
      if (rest.length > 0) this.losers.set(key, rest)
      else this.losers.delete(key)
      return
    }
    const successor = this.rightmostLoser(key)
    if (successor) {
      this.current.set(key, successor)
      noteChange(changes, key, held.entry.val, successor.entry.val)
    } else {
      vacated.add(key)
      noteChange(changes, key, held.entry.val, undefined)
    }
  }

  private addLoser(key: string, located: Located<T>): void {
    const list = this.losers.get(key)
    if (list) list.push(located)
    else this.losers.set(key, [located])
  }

  /** Removes and returns the rightmost live loser of a key. */
  private rightmostLoser(key: string): Located<T> | null {
    const list = (this.losers.get(key) ?? []).filter((l) => !this.isDeleted(l))
    if (list.length === 0) {
      this.losers.delete(key)
      return null
    }
    let best = list[0]
    for (const l of list.slice(1)) if (this.isRightOf(l, best)) best = l
    const rest = list.filter((l) => l !== best)
    if (rest.length > 0) this.losers.set(key, rest)
    else this.losers.delete(key)
    return best
  }

  /** True when `a` stands to the right of `b` in the array. */
  private isRightOf(a: Located<T>, b: Located<T>): boolean {
    const itemA = this.itemAt(a)
    const itemB = this.itemAt(b)
    if (itemA === itemB) return a.clock > b.clock
    // The newer entry is nearly always at the end, so walking right from it is short.
    for (let item = itemA.right; item !== null; item = item.right) if (item === itemB) return false
    return true
  }

  private itemAt(l: Located<T>): Y.Item {
    return Y.getItem(this.doc.store, Y.createID(l.client, l.clock)) as Y.Item
  }

  private isDeleted(l: Located<T>): boolean {
    return this.itemAt(l).deleted
  }

  /** Deletes the current entry and the losers of a key inside a transaction. */
  private deleteEntries(tr: Y.Transaction, key: string): void {
    const held = this.current.get(key)
    if (held) this.deleteEntry(tr, held)
    const appended = this.pending.get(key)
    if (appended) this.deleteEntry(tr, appended)
    this.deleteLosers(tr, key)
  }

  private deleteLosers(tr: Y.Transaction, key: string): void {
    for (const loser of this.losers.get(key) ?? []) this.deleteEntry(tr, loser)
  }

  /** Deletes one entry by id, splitting its item so its neighbours stay. */
  private deleteEntry(tr: Y.Transaction, l: Located<T>): void {
    const id = Y.createID(l.client, l.clock)
    const item = Y.getItemCleanStart(tr, id)
    Y.getItemCleanEnd(tr, this.doc.store, id)
    if (item.deleted) return
    item.delete(tr)
    // Yjs caches index positions of this array; a delete by item leaves them stale.
    const markers = (this.yarray as unknown as { _searchMarker: unknown[] | null })._searchMarker
    if (markers) markers.length = 0
  }

  /** Appends one entry after the last item of the array. */
  private append(tr: Y.Transaction, entry: KVEntry<T>): void {
    const left = this.findTail()
    const store = this.doc.store
    const own = this.doc.clientID
    const item = new Y.Item(
      Y.createID(own, Y.getState(store, own)),
      left,
      left?.lastId ?? null,
      null,
      null,
      this.yarray,
      null,
      new Y.ContentAny([entry]),
    )
    item.integrate(tr, 0)
    this.tailId = item.lastId
    this.pending.set(entry.key, { entry, client: item.id.client, clock: item.id.clock })
  }

  /** The last item of the array (deleted or not), found from the remembered tail. */
  private findTail(): Y.Item | null {
    let item: Y.Item | null = null
    if (this.tailId) {
      const struct = Y.getItem(this.doc.store, this.tailId)
      if (struct instanceof Y.Item && struct.parent === this.yarray) item = struct
    }
    item ??= this.yarray._start
    if (!item) return null
    while (item.right !== null) item = item.right
    return item
  }
}

/** Folds one key's change into the transaction's changes (a delete then an add is an update). */
function noteChange<T>(
  changes: Map<string, KVChange<T>>,
  key: string,
  oldValue: T | undefined,
  newValue: T | undefined,
): void {
  const earlier = changes.get(key)
  const hadValue = earlier ? earlier.action !== 'add' : oldValue !== undefined
  const original = earlier && earlier.action !== 'add' ? earlier.oldValue : oldValue
  if (newValue === undefined) {
    if (earlier?.action === 'add') changes.delete(key)
    else if (hadValue) changes.set(key, { action: 'delete', oldValue: original as T })
    return
  }
  changes.set(
    key,
    hadValue ? { action: 'update', oldValue: original as T, newValue } : { action: 'add', newValue },
  )
}
