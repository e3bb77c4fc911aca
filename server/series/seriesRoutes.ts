/**
 * HTTP routes of a workshop series, relative to `/api`: homework (open, status), follow-up
 * workshops, the series view and deleting a workshop with its follow-ups.
 * Auth as every route: `Authorization: Bearer <organizer key>` (the homework status: also the
 * facilitator, and a participant for their own group), 401 / 404 / 403 in that order.
 */
import { Hono } from 'hono'
import {
  followUpRequestSchema,
  openHomeworkRequestSchema,
  sendLettersRequestSchema,
} from '../../shared/seriesApi'
import { attachment } from '../export/archiveRoutes'
import { votesFromTallies } from '../export/posterContent'
import { safeFileName } from '../export/workshopZip'
import { ApiError } from '../http/ApiError'
import { requireRole } from '../http/auth'
import { baseUrl, parseBody } from '../http/request'
import type { Services } from '../services'
import { sendHomeworkLetters } from './homeworkMail'
import { buildSeriesZip, seriesNotesCsv } from './seriesArchive'

/** The series routes. */
export function seriesRoutes(services: Services): Hono {
  const { workshops, series, logger } = services
  const app = new Hono()
  const organizer = ['organizer'] as const
  const staff = ['organizer', 'facilitator'] as const

  app.post('/workshops/:workshopId/homework', async (c) => {
    const { workshopId } = c.req.param()
    await requireRole(c, workshops, workshopId, organizer)
    const homework = await series.openHomework(workshopId, await parseBody(c, openHomeworkRequestSchema))
    logger.info('homework opened', { workshopId, closesAt: homework.closesAt })
    return c.json(homework, 201)
  })

  // Staff see every group; a participant sees the deadline and their own group only.
  app.get('/workshops/:workshopId/homework', async (c) => {
    const { workshopId } = c.req.param()
    const who = await requireRole(c, workshops, workshopId, [...staff, 'participant'])
    const status = await series.homeworkStatus(workshopId)
    if (who.role !== 'participant')
      return c.json({ ...status, canSendMail: who.role === 'organizer' && services.mailer !== null })
    return c.json({ ...status, tables: status.tables.filter((t) => t.tableId === who.participant.tableId) })
  })

  app.post('/workshops/:workshopId/homework/letters', async (c) => {
    const { workshopId } = c.req.param()
    await requireRole(c, workshops, workshopId, organizer)
    const input = await parseBody(c, sendLettersRequestSchema)
    if (!services.mailer)
      throw new ApiError(503, 'this server does not send e-mail (no SMTP_URL); copy the letters instead')
    const a = await workshops.store.getAggregate(workshopId)
    if (!a) throw new ApiError(404, 'no such workshop')
    const status = await series.homeworkStatus(workshopId)
    try {
      const result = await sendHomeworkLetters(
        services.mailer,
        a,
        status,
        input,
        baseUrl(c, services.config.publicUrl),
      )
      logger.info('homework letters sent', { workshopId, letters: result.sent.length })
      return c.json(result)
    } catch (error) {
      if (error instanceof ApiError && error.status === 502)
        logger.warn('homework letters not sent', { workshopId, error: error.message })
      throw error
    }
  })

  app.post('/workshops/:workshopId/follow-up', async (c) => {
    const { workshopId } = c.req.param()
    await requireRole(c, workshops, workshopId, organizer)
    const input = await parseBody(c, followUpRequestSchema)
    const created = await series.followUp(workshopId, input, baseUrl(c, services.config.publicUrl))
    logger.info('follow-up workshop created', { workshopId: created.workshopId, previous: workshopId })
    return c.json(created, 201)
  })

  app.get('/workshops/:workshopId/series', async (c) => {
    const { workshopId } = c.req.param()
    await requireRole(c, workshops, workshopId, staff)
    return c.json(await series.seriesOf(workshopId))
  })

  // The key of a workshop reaches it and its follow-ups; on the first it is the whole series.
  const archiveDeps = () => ({
    documents: services.documents,
    votes: votesFromTallies((posterId) => services.storage.votes.tallies(posterId)),
    initialState: services.posterInitialState,
    snapshots: services.storage.snapshots,
    series: services.storage.series,
    aggregate: (id: string) => workshops.store.getAggregate(id),
  })

  app.get('/workshops/:workshopId/export/series.zip', async (c) => {
    const { workshopId } = c.req.param()
    await requireRole(c, workshops, workshopId, organizer)
    const links = await series.withFollowUps(workshopId)
    const a = await workshops.store.getAggregate(workshopId)
    const zip = await buildSeriesZip(archiveDeps(), links)
    logger.info('workshop series exported', {
      workshopIds: links.map((l) => l.workshopId),
      bytes: zip.byteLength,
    })
    c.header('Content-Type', 'application/zip')
    c.header('Content-Disposition', attachment(`${safeFileName(a?.workshop.title ?? 'plenum')}-serie.zip`))
    c.header('Cache-Control', 'no-store')
    return c.body(zip as Uint8Array<ArrayBuffer>)
  })

  app.get('/workshops/:workshopId/export/series-notes.csv', async (c) => {
    const { workshopId } = c.req.param()
    await requireRole(c, workshops, workshopId, organizer)
    const links = await series.withFollowUps(workshopId)
    const a = await workshops.store.getAggregate(workshopId)
    const delimiter = c.req.query('delimiter') === 'semicolon' ? ';' : ','
    const csv = await seriesNotesCsv(archiveDeps(), links, delimiter)
    c.header('Content-Type', 'text/csv; charset=utf-8')
    c.header('Content-Disposition', attachment(`${safeFileName(a?.workshop.title ?? 'plenum')}-serie.csv`))
    c.header('Cache-Control', 'no-store')
    return c.body(csv)
  })

  app.delete('/workshops/:workshopId/series', async (c) => {
    const { workshopId } = c.req.param()
    await requireRole(c, workshops, workshopId, organizer)
    const deleted = await series.deleteWithFollowUps(workshopId)
    logger.info('workshop series deleted', { workshopIds: deleted })
    return c.body(null, 204)
  })

  return app
}
