/**
 * HTTP routes of the plenary synthesis, relative to `/api`:
 *
 * | route                                         | who                                          |
 * |-----------------------------------------------|----------------------------------------------|
 * | `GET  /workshops/:id/synthesis/:roundId/notes` | organizer, facilitator; participants while open |
 * | `POST …/pull`                                 | organizer, facilitator; participants while open |
 * | `POST …/suggest`, `…/themes`, `…/open`, `…/present` | organizer, facilitator                 |
 *
 * Auth: `Authorization: Bearer <key or participant token>`.
 */
import { type Context, Hono } from 'hono'
import {
  acceptThemeRequestSchema,
  openRequestSchema,
  pullRequestSchema,
  suggestRequestSchema,
} from '../../shared/synthesisApi'
import type { WorkshopService } from '../domain/WorkshopService'
import { ApiError } from '../http/ApiError'
import { requireRole } from '../http/auth'
import { parseBody } from '../http/request'
import type { SynthesisService } from './SynthesisService'

/** What the synthesis routes need. */
export interface SynthesisRoutesDeps {
  workshops: WorkshopService
  synthesis: SynthesisService
}

const STAFF = ['organizer', 'facilitator'] as const

/** The synthesis routes; mount at `/api`. */
export function synthesisRoutes({ workshops, synthesis }: SynthesisRoutesDeps): Hono {
  const app = new Hono()
  const base = '/workshops/:workshopId/synthesis/:roundId'

  /** Staff always; a participant only while the facilitator has opened the synthesis. */
  const staffOrOpen = async (c: Context) => {
    const workshopId = c.req.param('workshopId') as string
    const roundId = c.req.param('roundId') as string
    const who = await requireRole(c, workshops, workshopId, [...STAFF, 'participant'])
    if (who.role === 'participant' && !(await synthesis.isOpen(workshopId, roundId))) {
      throw new ApiError(403, 'the synthesis is open to participants only while the facilitator opens it')
    }
    return { workshopId, roundId }
  }
  const staff = async (c: Context) => {
    const workshopId = c.req.param('workshopId') as string
    const roundId = c.req.param('roundId') as string
    await requireRole(c, workshops, workshopId, STAFF)
    return { workshopId, roundId }
  }

  app.get(`${base}/notes`, async (c) => {
    const { workshopId, roundId } = await staffOrOpen(c)
    return c.json(await synthesis.notes(workshopId, roundId))
  })

  app.post(`${base}/pull`, async (c) => {
    const { workshopId, roundId } = await staffOrOpen(c)
    const body = await parseBody(c, pullRequestSchema)
    return c.json(await synthesis.pull(workshopId, roundId, body), 201)
  })

  app.post(`${base}/suggest`, async (c) => {
    const { workshopId, roundId } = await staff(c)
    const body = await parseBody(c, suggestRequestSchema)
    return c.json(await synthesis.suggest(workshopId, roundId, body))
  })

  app.post(`${base}/themes`, async (c) => {
    const { workshopId, roundId } = await staff(c)
    const body = await parseBody(c, acceptThemeRequestSchema)
    return c.json(await synthesis.accept(workshopId, roundId, body.label, body.notes), 201)
  })

  app.post(`${base}/open`, async (c) => {
    const { workshopId, roundId } = await staff(c)
    const body = await parseBody(c, openRequestSchema)
    await synthesis.setOpen(workshopId, roundId, body.open)
    return c.json({ open: body.open })
  })

  app.post(`${base}/present`, async (c) => {
    const { workshopId, roundId } = await staff(c)
    await synthesis.present(workshopId, roundId)
    return c.json({ presenting: roundId })
  })

  return app
}
