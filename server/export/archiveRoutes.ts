/**
 * HTTP routes of the archive: snapshots (list, read, take, restore as copy), downloads of
 * posters and whole workshops (CSV, Markdown, `.tldr`, ZIP) and importing a workshop ZIP.
 * Mounted under `/api`. The organizer key opens everything; the facilitator key may list
 * and take snapshots. Rendering (PNG, SVG, PDF) happens in the organizer's browser, see
 * docs/EXPORT.md.
 */
import { type Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import { posterDocName } from '../../shared/docNames'
import { ApiError } from '../http/ApiError'
import { requireRole } from '../http/auth'
import { requireCreateKey } from '../http/createKey'
import { baseUrl, parseBody } from '../http/request'
import { importArchive } from '../series/seriesImport'
import type { Services } from '../services'
import { readConclusions, themeOfNotes } from '../synthesis/synthesisExport'
import { readPosterContent, votesFromTallies } from './posterContent'
import { noteRows, notesCsv, notesMarkdown, readWorkshopPosters } from './workshopNotes'
import { buildWorkshopZip, safeFileName } from './workshopZip'

const restoreSchema = z.discriminatedUnion('target', [
  z.object({ target: z.literal('standalone') }),
  z.object({
    target: z.literal('poster'),
    roundId: z.string().min(1).max(64),
    tableId: z.string().min(1).max(64),
  }),
])

const takeSchema = z.object({ posterId: z.string().min(1).max(64) })

/** `Content-Disposition` for a download whose name may hold Danish letters. */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

function download(c: Context, body: string | Uint8Array, type: string, name: string): Response {
  c.header('Content-Type', type)
  c.header('Content-Disposition', attachment(name))
  c.header('Cache-Control', 'no-store')
  return c.body(typeof body === 'string' ? body : (body as Uint8Array<ArrayBuffer>))
}

/** The archive routes, relative to `/api`. */
export function archiveRoutes(ctx: Services): Hono {
  const { workshops, config, documents } = ctx
  const snapshotStore = ctx.storage.snapshots
  const voteStore = ctx.storage.votes
  const initialState = ctx.posterInitialState
  const readers = {
    documents,
    votes: votesFromTallies((posterId) => voteStore.tallies(posterId)),
    initialState,
  }
  const service = ctx.snapshots

  const app = new Hono()
  // No app-wide middleware: this router is mounted at the API root beside others.
  const organizer = (c: Context) => requireRole(c, workshops, c.req.param('id') ?? '', ['organizer'])
  const staff = (c: Context) =>
    requireRole(c, workshops, c.req.param('id') ?? '', ['organizer', 'facilitator'])
  const aggregateOf = async (id: string) => {
    const a = await workshops.store.getAggregate(id)
    if (!a) throw new ApiError(404, 'no such workshop')
    return a
  }
  const stamp = (title: string) => `${safeFileName(title)}`

  app.get('/workshops/:id/snapshots', async (c) => {
    await staff(c)
    const q = c.req.query()
    const list = await snapshotStore.list({
      workshopId: c.req.param('id'),
      roundId: q.roundId || undefined,
      tableId: q.tableId || undefined,
      posterId: q.posterId || undefined,
    })
    return c.json({ snapshots: list })
  })

  app.post('/workshops/:id/snapshots', async (c) => {
    await staff(c)
    const { posterId } = await parseBody(c, takeSchema)
    const poster = await workshops.store.getPoster(posterId)
    if (!poster || poster.workshopId !== c.req.param('id'))
      throw new ApiError(404, 'no such poster in this workshop')
    const { state: _s, document: _d, text: _t, ...summary } = await service.takeSnapshot(posterId, 'manual')
    return c.json(summary, 201)
  })

  app.get('/workshops/:id/snapshots/:snapshotId', async (c) => {
    await organizer(c)
    const { state: _state, ...snapshot } = await service.getForWorkshop(
      c.req.param('id'),
      c.req.param('snapshotId'),
    )
    return c.json(snapshot)
  })

  app.get('/workshops/:id/snapshots/:snapshotId/poster.tldr', async (c) => {
    await organizer(c)
    const s = await service.getForWorkshop(c.req.param('id'), c.req.param('snapshotId'))
    const name = `${s.createdAt.slice(0, 16).replace(':', '')}-${s.reason}.tldr`
    return download(c, JSON.stringify(s.document), 'application/vnd.tldraw+json', name)
  })

  app.post('/workshops/:id/snapshots/:snapshotId/restore', async (c) => {
    await organizer(c)
    const body = await parseBody(c, restoreSchema)
    const target =
      body.target === 'standalone'
        ? ({ kind: 'standalone' } as const)
        : ({ kind: 'poster', roundId: body.roundId, tableId: body.tableId } as const)
    const result = await service.restoreAsCopy(c.req.param('id'), c.req.param('snapshotId'), target)
    const url = result.posterId ? null : `${baseUrl(c, config.publicUrl)}/p/${result.docName}`
    ctx.logger.info('snapshot restored as copy', { workshopId: c.req.param('id'), docName: result.docName })
    return c.json({ ...result, url }, 201)
  })

  app.get('/workshops/:id/posters/:posterId/poster.tldr', async (c) => {
    await organizer(c)
    const poster = await workshops.store.getPoster(c.req.param('posterId'))
    if (!poster || poster.workshopId !== c.req.param('id'))
      throw new ApiError(404, 'no such poster in this workshop')
    const votes = await readers.votes(poster.workshopId, poster.id)
    const content = await readPosterContent(documents, posterDocName(poster.id), votes, () =>
      initialState(poster.id),
    )
    return download(
      c,
      JSON.stringify(content.document),
      'application/vnd.tldraw+json',
      `poster-${poster.id}.tldr`,
    )
  })

  app.get('/workshops/:id/export/notes.json', async (c) => {
    await organizer(c)
    const a = await aggregateOf(c.req.param('id'))
    const rows = noteRows(await readWorkshopPosters(readers, a))
    if (a.workshop.anonymousNotes) for (const r of rows) r.authorName = null
    return c.json({ notes: rows, conclusions: await readConclusions(readers, a) })
  })

  app.get('/workshops/:id/export/notes.csv', async (c) => {
    await organizer(c)
    const a = await aggregateOf(c.req.param('id'))
    const rows = noteRows(await readWorkshopPosters(readers, a))
    const delimiter = c.req.query('delimiter') === 'semicolon' ? ';' : ','
    return download(
      c,
      notesCsv(a, rows, delimiter, themeOfNotes(await readConclusions(readers, a))),
      'text/csv; charset=utf-8',
      `${stamp(a.workshop.title)}.csv`,
    )
  })

  app.get('/workshops/:id/export/summary.md', async (c) => {
    await organizer(c)
    const a = await aggregateOf(c.req.param('id'))
    const rows = noteRows(await readWorkshopPosters(readers, a))
    if (a.workshop.anonymousNotes) for (const r of rows) r.authorName = null
    return download(
      c,
      notesMarkdown(a, rows),
      'text/markdown; charset=utf-8',
      `${stamp(a.workshop.title)}.md`,
    )
  })

  app.get('/workshops/:id/export/workshop.zip', async (c) => {
    await organizer(c)
    const a = await aggregateOf(c.req.param('id'))
    const zip = await buildWorkshopZip({ ...readers, snapshots: snapshotStore }, a)
    ctx.logger.info('workshop exported', { workshopId: a.workshop.id, bytes: zip.byteLength })
    return download(c, zip, 'application/zip', `${stamp(a.workshop.title)}.zip`)
  })

  app.post(
    '/import',
    // The key is checked before the upload is read.
    async (c, next) => {
      requireCreateKey(c, config.createKey)
      await next()
    },
    bodyLimit({
      maxSize: config.maxImportBytes,
      onError: () => {
        throw new ApiError(
          413,
          `the archive is larger than ${Math.floor(config.maxImportBytes / 1024 / 1024)} MB`,
        )
      },
    }),
    async (c) => {
      const bytes = new Uint8Array(await c.req.arrayBuffer())
      if (bytes.byteLength === 0) throw new ApiError(400, 'send the workshop ZIP as the request body', 'file')
      const created = await importArchive(
        {
          series: ctx.storage.series,
          workshops: workshops.store,
          documents,
          snapshots: snapshotStore,
          votes: voteStore,
          limits: { maxTotalBytes: config.maxImportBytes, maxDocumentBytes: config.maxDocumentBytes },
          rollback: (id) => workshops.delete(id),
        },
        bytes,
        baseUrl(c, config.publicUrl),
      )
      for (const w of created.series ?? [created]) await workshops.refresh(w.workshopId)
      // Homework still open in the archive gets its deadline kept by this server.
      if (created.series) await ctx.series.closeDue()
      ctx.logger.info(created.series ? 'workshop series imported' : 'workshop imported', {
        workshopIds: (created.series ?? [created]).map((w) => w.workshopId),
      })
      return c.json(created, 201)
    },
  )

  return app
}
