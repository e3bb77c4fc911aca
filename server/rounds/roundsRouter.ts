/**
 * HTTP routes of round control: facilitator actions on all tables at once, the timer, the
 * plenary presentation, done flags and dot votes. Mounted under `/api` by the API router.
 * Auth: `Authorization: Bearer <facilitator/organizer key or participant token>`.
 */
import { Hono } from 'hono'
import type { z } from 'zod'
import { PhaseTransitionError } from '../../shared/rounds'
import {
  doneRequestSchema,
  presentRequestSchema,
  roundActionRequestSchema,
  roundActionSchema,
  timerRequestSchema,
  voteRequestSchema,
} from '../../shared/roundsApi'
import type { Principal } from '../domain/entities'
import type { WorkshopService } from '../domain/WorkshopService'
import { RoundError } from './RoundError'
import type { RoundService } from './RoundService'

/** What the round routes need. */
export interface RoundsRouterDeps {
  rounds: RoundService
  workshops: WorkshopService
  /** Server clock, for tests. */
  now?: () => number
}

type Staff = 'organizer' | 'facilitator'

function bearer(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)$/i)
  return match ? match[1] : null
}

async function body<T extends z.ZodType>(req: Request, schema: T): Promise<z.output<T>> {
  let json: unknown = {}
  const text = await req.text()
  if (text.trim()) {
    try {
      json = JSON.parse(text)
    } catch {
      throw new RoundError(400, 'the request body is not valid JSON')
    }
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = issue.path.join('.')
    throw Object.assign(new RoundError(400, `${field || 'body'}: ${issue.message}`), { field })
  }
  return parsed.data
}

/** The round routes, relative to `/api`. */
export function createRoundsRouter(deps: RoundsRouterDeps): Hono {
  const app = new Hono()
  const now = () => deps.now?.() ?? Date.now()

  const principal = async (authorization: string | undefined, workshopId: string): Promise<Principal> => {
    const who = await deps.workshops.authenticate(bearer(authorization))
    if (!who) throw new RoundError(401, 'missing or unknown key: send Authorization: Bearer <key or token>')
    if (who.workshopId !== workshopId) throw new RoundError(403, 'this key belongs to another workshop')
    return who
  }
  const staff = async (authorization: string | undefined, workshopId: string): Promise<Staff> => {
    const who = await principal(authorization, workshopId)
    if (who.role !== 'facilitator' && who.role !== 'organizer') {
      throw new RoundError(403, 'only the facilitator or organizer may do this')
    }
    return who.role
  }

  app.onError((err, c) => {
    if (err instanceof RoundError) {
      const field = (err as RoundError & { field?: string }).field
      return c.json(field ? { error: err.message, field } : { error: err.message }, err.status)
    }
    if (err instanceof PhaseTransitionError) return c.json({ error: err.message }, 409)
    throw err
  })

  app.get('/time', (c) => c.json({ serverNow: now() }))

  app.post('/workshops/:workshopId/rounds/current/snapshot', async (c) => {
    const { workshopId } = c.req.param()
    await staff(c.req.header('authorization'), workshopId)
    const count = await deps.rounds.snapshotAll(workshopId)
    return c.json({ snapshots: count }, 201)
  })

  app.post('/workshops/:workshopId/rounds/:roundId/:action', async (c) => {
    const { workshopId, roundId } = c.req.param()
    await staff(c.req.header('authorization'), workshopId)
    const action = roundActionSchema.safeParse(c.req.param('action'))
    if (!action.success) throw new RoundError(404, `unknown round action "${c.req.param('action')}"`)
    const input = await body(c.req.raw, roundActionRequestSchema)
    const phase = await deps.rounds.act(workshopId, roundId, action.data, {
      minutes: input.minutes,
      votes: action.data === 'voting' ? { dots: input.dots ?? 3, scope: input.scope ?? 'table' } : undefined,
    })
    return c.json({ phase, serverNow: now() })
  })

  app.post('/workshops/:workshopId/timer', async (c) => {
    const { workshopId } = c.req.param()
    await staff(c.req.header('authorization'), workshopId)
    await deps.rounds.timer(workshopId, await body(c.req.raw, timerRequestSchema))
    return c.json({ serverNow: now() })
  })

  app.post('/workshops/:workshopId/present', async (c) => {
    const { workshopId } = c.req.param()
    await staff(c.req.header('authorization'), workshopId)
    const input = await body(c.req.raw, presentRequestSchema)
    await deps.rounds.present(workshopId, input.tableId, input.frameId ?? null, input.view)
    return c.json({ tableId: input.tableId })
  })

  for (const [path, direction] of [
    ['next', 1],
    ['previous', -1],
  ] as const) {
    app.post(`/workshops/:workshopId/present/${path}`, async (c) => {
      const { workshopId } = c.req.param()
      await staff(c.req.header('authorization'), workshopId)
      return c.json({ tableId: await deps.rounds.step(workshopId, direction) })
    })
  }

  app.post('/workshops/:workshopId/done', async (c) => {
    const { workshopId } = c.req.param()
    const who = await principal(c.req.header('authorization'), workshopId)
    const input = await body(c.req.raw, doneRequestSchema)
    let tableId: string
    if (who.role === 'participant') {
      if (input.tableId && input.tableId !== who.participant.tableId) {
        throw new RoundError(403, 'participants may only flag their own table')
      }
      tableId = who.participant.tableId
    } else if (who.role === 'screen') {
      throw new RoundError(403, 'the screen key is read-only')
    } else {
      if (!input.tableId)
        throw Object.assign(new RoundError(400, 'tableId: required for staff'), { field: 'tableId' })
      tableId = input.tableId
    }
    await deps.rounds.setDone(workshopId, tableId, input.done)
    return c.json({ tableId, done: input.done })
  })

  const participantOf = async (authorization: string | undefined, workshopId: string) => {
    const who = await principal(authorization, workshopId)
    if (who.role !== 'participant') throw new RoundError(403, 'only participants vote')
    return who.participant
  }

  app.get('/workshops/:workshopId/votes/mine', async (c) => {
    const participant = await participantOf(c.req.header('authorization'), c.req.param('workshopId'))
    return c.json(await deps.rounds.myVotes(participant))
  })

  app.post('/workshops/:workshopId/votes', async (c) => {
    const participant = await participantOf(c.req.header('authorization'), c.req.param('workshopId'))
    const input = await body(c.req.raw, voteRequestSchema)
    const left = await deps.rounds.vote(participant, input.posterId, input.noteId)
    return c.json({ left }, 201)
  })

  app.delete('/workshops/:workshopId/votes/:posterId/:noteId', async (c) => {
    const { workshopId, posterId, noteId } = c.req.param()
    const participant = await participantOf(c.req.header('authorization'), workshopId)
    // Hono has decoded the path parameter already; decoding again would turn `%25` into a URIError.
    await deps.rounds.unvote(participant, posterId, noteId)
    return c.body(null, 204)
  })

  return app
}
