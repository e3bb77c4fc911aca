/**
 * Builds the round routes from the API context: opens the vote and snapshot stores next to
 * the documents, and runs server-side document edits through the room registry. Mounted by
 * `createApiRouter` with `api.route('/', roundsRoutes(ctx))`.
 */
import { Hono } from 'hono'
import type * as Y from 'yjs'
import type { ApiContext } from '../api/router'
import { openSnapshotStore } from '../domain/openSnapshotStore'
import { posterInitialState } from '../domain/posterSeed'
import type { SnapshotStore } from '../domain/SnapshotStore'
import { votesFromTallies } from '../export/posterContent'
import { SnapshotService } from '../export/SnapshotService'
import type { RoomHooks } from '../sync/types'
import { followControlDocs } from './followControlDocs'
import { openVoteStore } from './openVoteStore'
import { RoundService } from './RoundService'
import { createRoundsRouter } from './roundsRouter'
import type { VoteStore } from './VoteStore'

/** What the round routes use beyond the API context. */
export interface RoundsHost {
  /** The room registry (present on the full server context). */
  rooms?: { transact(docName: string, fn: (doc: Y.Doc) => void): Promise<void> }
  /** The room hooks (present on the full server context), to follow other instances' control changes. */
  hooks?: RoomHooks
  snapshots?: SnapshotStore
  votes?: VoteStore
}

/** The round routes, relative to `/api`; answers 503 when the server has no sync rooms. */
export function roundsRoutes(ctx: ApiContext & RoundsHost): Hono {
  const rooms = ctx.rooms
  if (!rooms) {
    const app = new Hono()
    app.all('/workshops/:id/rounds/*', (c) => c.json({ error: 'round control needs the sync server' }, 503))
    return app
  }
  const { workshops, config } = ctx
  if (ctx.hooks) followControlDocs({ hooks: ctx.hooks, rooms, live: workshops.live })
  const documents = ctx.store
  const snapshots = ctx.snapshots ?? openSnapshotStore(config, documents)
  const votes = ctx.votes ?? openVoteStore(config, documents)
  const ready = Promise.all([snapshots.init(), votes.init()])
  const snapshotService = new SnapshotService({
    snapshots,
    workshops: workshops.store,
    documents,
    allowSandbox: config.allowSandbox,
    votes: votesFromTallies((posterId) => votes.tallies(posterId)),
    initialState: (posterId) =>
      posterInitialState({ workshops, documents, allowSandbox: config.allowSandbox }, posterId),
  })
  const rounds = new RoundService({
    workshops,
    documents,
    rooms,
    deleteDocument: ctx.deleteDocument ?? ((name) => documents.delete(name)),
    takeSnapshot: (posterId, reason) => snapshotService.takeSnapshot(posterId, reason),
    votes,
    logger: ctx.logger,
  })
  const app = new Hono()
  app.use('*', async (_c, next) => {
    await ready
    await next()
  })
  app.route('/', createRoundsRouter({ rounds, workshops }))
  return app
}
