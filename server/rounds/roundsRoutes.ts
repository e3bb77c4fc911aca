/**
 * HTTP routes of round control: facilitator actions on all tables at once, the timer, the
 * plenary presentation, done flags and dot votes. Mounted under `/api` by the API router.
 * Auth: `Authorization: Bearer <facilitator/organizer key or participant token>`, checked
 * like every other route (401, 404 unknown workshop, 403).
 */
import { type Context, Hono } from 'hono'
import {
  doneRequestSchema,
  presentRequestSchema,
  roundActionRequestSchema,
  roundActionSchema,
  timerRequestSchema,
  voteRequestSchema,
} from '../../shared/roundsApi'
import { ApiError } from '../http/ApiError'
import { authenticate, requireRole } from '../http/auth'
import { parseBody } from '../http/request'
import type { Services } from '../services'

/** Round actions take optional settings: an empty body means none. */
const optional = { emptyIsObject: true }

/** The round routes, relative to `/api`. */
export function roundsRoutes(services: Services): Hono {
  const { rounds, workshops } = services
  const app = new Hono()
  const now = () => Date.now()
  const staff = (c: Context, workshopId: string) =>
    requireRole(c, workshops, workshopId, ['organizer', 'facilitator'])
  const participant = async (c: Context, workshopId: string) =>
    (await requireRole(c, workshops, workshopId, ['participant'])).participant

  app.get('/time', (c) => c.json({ serverNow: now() }))

  app.post('/workshops/:workshopId/rounds/current/snapshot', async (c) => {
    const { workshopId } = c.req.param()
    await staff(c, workshopId)
    const count = await rounds.snapshotAll(workshopId)
    return c.json({ snapshots: count }, 201)
  })

  app.post('/workshops/:workshopId/rounds/:roundId/:action', async (c) => {
    const { workshopId, roundId } = c.req.param()
    await staff(c, workshopId)
    const action = roundActionSchema.safeParse(c.req.param('action'))
    if (!action.success) throw new ApiError(404, `unknown round action "${c.req.param('action')}"`)
    const input = await parseBody(c, roundActionRequestSchema, optional)
    const phase = await rounds.act(workshopId, roundId, action.data, {
      minutes: input.minutes,
      votes: action.data === 'voting' ? { dots: input.dots ?? 3, scope: input.scope ?? 'table' } : undefined,
    })
    return c.json({ phase, serverNow: now() })
  })

  app.get('/workshops/:workshopId/rounds/:roundId/states', async (c) => {
    const { workshopId, roundId } = c.req.param()
    await staff(c, workshopId)
    c.header('cache-control', 'no-store')
    return c.json(await rounds.posterStates(workshopId, roundId))
  })

  app.post('/workshops/:workshopId/timer', async (c) => {
    const { workshopId } = c.req.param()
    await staff(c, workshopId)
    await rounds.timer(workshopId, await parseBody(c, timerRequestSchema, optional))
    return c.json({ serverNow: now() })
  })

  app.post('/workshops/:workshopId/present', async (c) => {
    const { workshopId } = c.req.param()
    await staff(c, workshopId)
    const input = await parseBody(c, presentRequestSchema, optional)
    await rounds.present(workshopId, input.tableId, input.frameId ?? null, input.view)
    return c.json({ tableId: input.tableId })
  })

  for (const [path, direction] of [
    ['next', 1],
    ['previous', -1],
  ] as const) {
    app.post(`/workshops/:workshopId/present/${path}`, async (c) => {
      const { workshopId } = c.req.param()
      await staff(c, workshopId)
      return c.json({ tableId: await rounds.step(workshopId, direction) })
    })
  }

  app.post('/workshops/:workshopId/done', async (c) => {
    const { workshopId } = c.req.param()
    const who = await authenticate(c, workshops, workshopId)
    const input = await parseBody(c, doneRequestSchema, optional)
    let tableId: string
    if (who.role === 'participant') {
      if (input.tableId && input.tableId !== who.participant.tableId) {
        throw new ApiError(403, 'participants may only flag their own table')
      }
      tableId = who.participant.tableId
    } else if (who.role === 'screen') {
      throw new ApiError(403, 'the screen key is read-only')
    } else {
      if (!input.tableId) throw new ApiError(400, 'tableId: required for staff', 'tableId')
      tableId = input.tableId
    }
    await rounds.setDone(workshopId, tableId, input.done)
    return c.json({ tableId, done: input.done })
  })

  app.get('/workshops/:workshopId/votes/mine', async (c) => {
    return c.json(await rounds.myVotes(await participant(c, c.req.param('workshopId'))))
  })

  app.post('/workshops/:workshopId/votes', async (c) => {
    const voter = await participant(c, c.req.param('workshopId'))
    const input = await parseBody(c, voteRequestSchema, optional)
    const left = await rounds.vote(voter, input.posterId, input.noteId)
    return c.json({ left }, 201)
  })

  app.delete('/workshops/:workshopId/votes/:posterId/:noteId', async (c) => {
    const { workshopId, posterId, noteId } = c.req.param()
    const voter = await participant(c, workshopId)
    // Hono has decoded the path parameter already; decoding again would turn `%25` into a URIError.
    await rounds.unvote(voter, posterId, noteId)
    return c.body(null, 204)
  })

  return app
}
