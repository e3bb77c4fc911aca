/**
 * The OpenAPI 3.1 description served at `/api/openapi.json`, built from the same zod schemas
 * the routes validate with, so the document cannot drift from the code. The API router
 * assembles it once from its areas' descriptions and the routes it actually mounted.
 */
import { z } from 'zod'
import {
  createWorkshopRequestSchema,
  createWorkshopResponseSchema,
  errorBodySchema,
  joinRequestSchema,
  joinResponseSchema,
  participantViewSchema,
  publicWorkshopSchema,
  rotatedKeySchema,
  updateWorkshopRequestSchema,
  workshopViewSchema,
} from '../../shared/api'

type Json = Record<string, unknown>

const schemas: Record<string, z.ZodType> = {
  CreateWorkshopRequest: createWorkshopRequestSchema,
  CreateWorkshopResponse: createWorkshopResponseSchema,
  UpdateWorkshopRequest: updateWorkshopRequestSchema,
  WorkshopView: workshopViewSchema,
  PublicWorkshop: publicWorkshopSchema,
  JoinRequest: joinRequestSchema,
  JoinResponse: joinResponseSchema,
  ParticipantView: participantViewSchema,
  RotatedKey: rotatedKeySchema,
  Error: errorBodySchema,
}

const requestSchemas = new Set(['CreateWorkshopRequest', 'UpdateWorkshopRequest', 'JoinRequest'])

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const json = (name: string) => ({ content: { 'application/json': { schema: ref(name) } } })
const error = (description: string) => ({ description, ...json('Error') })
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } }
const auth = [{ bearer: [] }]

function op(summary: string, responses: Json, extra: Json = {}): Json {
  return { summary, responses, ...extra }
}

/** What the document is assembled from, besides the workshop and join routes described here. */
export interface OpenApiParts {
  /** Path descriptions of other areas (archive, rounds). */
  paths?: ReadonlyArray<Record<string, Json>>
  /** Every mounted route; those no area described get a generic entry. */
  routes?: ReadonlyArray<{ method: string; path: string }>
}

/** The OpenAPI document of the API. */
export function openApiDocument(parts: OpenApiParts = {}): Json {
  const components: Record<string, unknown> = {}
  for (const [name, schema] of Object.entries(schemas)) {
    const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
      io: requestSchemas.has(name) ? 'input' : 'output',
      unrepresentable: 'any',
    }) as Json
    components[name] = rest
  }
  const doc: Json = {
    openapi: '3.1.0',
    info: {
      title: 'Plenum API',
      version: '1',
      description:
        'Workshops, rounds, tables and joining. Authenticate with `Authorization: Bearer <organizer, facilitator or screen key, or participant token>`. Errors are `{ error, field? }`.',
    },
    components: {
      schemas: components,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
    paths: {
      '/api/server': {
        get: op(
          'What the start page needs to know: whether creating needs the creation key, whether sandboxes are on',
          {
            200: { description: '`{ createKeyRequired, sandbox }`' },
          },
        ),
      },
      '/api/workshops': {
        post: op(
          'Create a workshop with its rounds and tables; returns the keys and links (shown once). With CREATE_KEY set, send it as the bearer token.',
          {
            201: { description: 'created', ...json('CreateWorkshopResponse') },
            400: error('invalid input'),
            401: error('the server needs the creation key'),
            403: error('wrong creation key'),
          },
          { requestBody: { required: true, ...json('CreateWorkshopRequest') } },
        ),
      },
      '/api/workshops/{id}': {
        parameters: [idParam],
        get: op(
          'The workshop with rounds, tables and posters (join codes for organizer and facilitator only)',
          {
            200: { description: 'ok', ...json('WorkshopView') },
            401: error('no key'),
            403: error('wrong workshop'),
            404: error('unknown'),
          },
          { security: auth },
        ),
        patch: op(
          'Edit the workshop (organizer). Listed rounds/tables replace the lists; entries with an id are kept',
          {
            200: { description: 'ok', ...json('WorkshopView') },
            400: error('invalid input'),
            401: error('no key'),
            403: error('not the organizer key'),
            404: error('unknown'),
          },
          { security: auth, requestBody: { required: true, ...json('UpdateWorkshopRequest') } },
        ),
        delete: op(
          'Delete the workshop and all its data: posters, snapshots, assets, participants (organizer)',
          {
            204: { description: 'deleted' },
            401: error('no key'),
            403: error('not the organizer key'),
            404: error('unknown'),
          },
          { security: auth },
        ),
      },
      '/api/workshops/{id}/public': {
        parameters: [idParam],
        get: op('Title and tables for the join page', {
          200: { description: 'ok', ...json('PublicWorkshop') },
          404: error('unknown'),
        }),
      },
      '/api/workshops/{id}/cards.pdf': {
        parameters: [idParam],
        get: op(
          'Printable A5 table cards with QR codes (organizer or facilitator)',
          {
            200: {
              description: 'PDF',
              content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
            },
            401: error('no key'),
            403: error('wrong role'),
            404: error('unknown'),
          },
          { security: auth },
        ),
      },
      '/api/workshops/{id}/keys/{role}': {
        parameters: [
          idParam,
          {
            name: 'role',
            in: 'path',
            required: true,
            schema: { type: 'string', enum: ['facilitator', 'screen'] },
          },
        ],
        post: op(
          'Re-issue the facilitator or screen key (organizer): returns the new key and link; the old key stops working, on the API and on open WebSocket connections',
          {
            200: { description: 'the new key', ...json('RotatedKey') },
            400: error('unknown role'),
            401: error('no key'),
            403: error('not the organizer key'),
            404: error('unknown'),
          },
          { security: auth },
        ),
      },
      '/api/join/{code}': {
        parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
        get: op('Resolve a workshop code or table join code (rate-limited)', {
          200: { description: 'ok', ...json('PublicWorkshop') },
          404: error('wrong code'),
          429: error('too many wrong codes'),
        }),
      },
      '/api/join': {
        post: op(
          'Join a table with a code and a name; returns the participant token (rate-limited)',
          {
            201: { description: 'joined', ...json('JoinResponse') },
            400: error('invalid input'),
            404: error('wrong code'),
            429: error('too many wrong codes'),
          },
          { requestBody: { required: true, ...json('JoinRequest') } },
        ),
      },
      '/api/me': {
        get: op(
          'Who a participant token belongs to',
          {
            200: { description: 'ok', ...json('ParticipantView') },
            401: error('no token'),
            403: error('not a participant'),
          },
          { security: auth },
        ),
      },
    },
  }
  for (const paths of parts.paths ?? []) Object.assign(doc.paths as Json, paths)
  addMountedRoutes(doc, parts.routes ?? [])
  return doc
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete'])

/**
 * Lists every mounted route that has no entry yet (Hono `:param` becomes `{param}`), so the
 * document names every endpoint even where an area has not described its bodies.
 */
function addMountedRoutes(doc: Json, routes: ReadonlyArray<{ method: string; path: string }>): void {
  const paths = doc.paths as Record<string, Record<string, unknown>>
  for (const route of routes) {
    const method = route.method.toLowerCase()
    if (!METHODS.has(method) || route.path.includes('*') || route.path.endsWith('/openapi.json')) continue
    const path = route.path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}')
    paths[path] ??= {}
    const item = paths[path]
    if (item[method]) continue
    const params = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }))
    item[method] = {
      summary: `${method.toUpperCase()} ${path}`,
      ...(params.length > 0 ? { parameters: params } : {}),
      security: auth,
      responses: {
        200: { description: 'ok' },
        400: error('invalid input'),
        401: error('no key'),
        403: error('wrong role'),
        404: error('unknown'),
      },
    }
  }
}
