/**
 * Organizer routes: create, read, edit and delete workshops, print table cards.
 */
import { Hono } from 'hono'
import {
  createWorkshopRequestSchema,
  rotatableRoleSchema,
  updateWorkshopRequestSchema,
} from '../../shared/api'
import { ApiError } from '../http/ApiError'
import { requireRole } from '../http/auth'
import { requireCreateKey } from '../http/createKey'
import { baseUrl, parseBody } from '../http/request'
import type { Services } from '../services'
import { renderTableCards } from './tableCards'

/** Routes under `/api/workshops`. */
export function workshopRoutes(ctx: Services): Hono {
  const app = new Hono()
  const { workshops } = ctx
  const base = (c: Parameters<typeof baseUrl>[0]) => baseUrl(c, ctx.config.publicUrl)

  app.post('/', async (c) => {
    requireCreateKey(c, ctx.config.createKey)
    const input = await parseBody(c, createWorkshopRequestSchema)
    const created = await workshops.create(input, base(c))
    ctx.logger.info('workshop created', { workshopId: created.workshopId, tables: created.tables.length })
    return c.json(created, 201)
  })

  app.get('/:id', async (c) => {
    const id = c.req.param('id')
    const principal = await requireRole(c, workshops, id, [
      'organizer',
      'facilitator',
      'screen',
      'participant',
    ])
    const view = await workshops.view(id, principal.role, base(c))
    if (!view) throw new ApiError(404, 'no such workshop')
    return c.json(view)
  })

  app.patch('/:id', async (c) => {
    const id = c.req.param('id')
    await requireRole(c, workshops, id, ['organizer'])
    const patch = await parseBody(c, updateWorkshopRequestSchema)
    await workshops.update(id, patch)
    return c.json(await workshops.view(id, 'organizer', base(c)))
  })

  app.delete('/:id', async (c) => {
    const id = c.req.param('id')
    await requireRole(c, workshops, id, ['organizer'])
    await workshops.delete(id)
    ctx.logger.info('workshop deleted', { workshopId: id })
    return c.body(null, 204)
  })

  // Keys are stored only as hashes, so an organizer on a device without the links gets a
  // working facilitator or screen link by re-issuing that key; the old one stops working.
  app.post('/:id/keys/:role', async (c) => {
    const id = c.req.param('id')
    await requireRole(c, workshops, id, ['organizer'])
    const role = rotatableRoleSchema.safeParse(c.req.param('role'))
    if (!role.success) throw new ApiError(400, 'role must be "facilitator" or "screen"', 'role')
    const rotated = await workshops.rotateKey(id, role.data, base(c))
    ctx.logger.info('key re-issued', { workshopId: id, role: role.data })
    return c.json(rotated)
  })

  app.get('/:id/public', async (c) => {
    const view = await workshops.publicView(c.req.param('id'))
    if (!view) throw new ApiError(404, 'no such workshop')
    return c.json(view)
  })

  app.get('/:id/cards.pdf', async (c) => {
    const id = c.req.param('id')
    await requireRole(c, workshops, id, ['organizer', 'facilitator'])
    const view = await workshops.view(id, 'organizer', base(c))
    if (!view) throw new ApiError(404, 'no such workshop')
    const pdf = await renderTableCards({
      title: view.title,
      date: view.date,
      place: view.place,
      language: view.language,
      tables: view.tables.map((t) => ({
        name: t.name,
        joinCode: t.joinCode ?? '',
        joinUrl: t.joinUrl ?? '',
      })),
    })
    return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="table-cards-${id}.pdf"`,
      'cache-control': 'no-store',
    })
  })

  return app
}
