/**
 * OpenAPI entries of the series routes (see `seriesRoutes.ts`), with request and response
 * bodies generated from the zod schemas the routes validate with.
 */
import { z } from 'zod'
import { createWorkshopResponseSchema } from '../../shared/api'
import {
  followUpRequestSchema,
  homeworkStatusSchema,
  homeworkViewSchema,
  openHomeworkRequestSchema,
  sendLettersRequestSchema,
  sendLettersResponseSchema,
  seriesViewSchema,
} from '../../shared/seriesApi'

type Json = Record<string, unknown>

const body = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' })
  return { content: { 'application/json': { schema: rest } } }
}
const errorRef = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }
const err = (description: string) => ({ description, ...errorRef })
const auth = [{ bearer: [] }]
const workshopId = { name: 'workshopId', in: 'path', required: true, schema: { type: 'string' } }
const denied = { 401: err('no key'), 403: err('wrong role or workshop'), 404: err('unknown workshop') }

/** The series' OpenAPI paths. */
export const seriesOpenApiPaths: Record<string, Json> = {
  '/api/workshops/{workshopId}/homework': {
    parameters: [workshopId],
    post: {
      summary: "Open homework on every group's poster until closesAt (organizer)",
      security: auth,
      requestBody: { required: true, ...body(openHomeworkRequestSchema, 'input') },
      responses: {
        201: { description: 'opened', ...body(homeworkViewSchema, 'output') },
        400: err('invalid deadline or questions'),
        409: err('homework already open, or a round still open'),
        ...denied,
      },
    },
    get: {
      summary:
        'The latest homework and what each group changed since it opened (organizer, facilitator; a participant sees their own group)',
      security: auth,
      responses: { 200: { description: 'ok', ...body(homeworkStatusSchema, 'output') }, ...denied },
    },
  },
  '/api/workshops/{workshopId}/homework/letters': {
    parameters: [workshopId],
    post: {
      summary:
        "Send each listed group its homework letter (link, code, questions, deadline) over the server's SMTP setting (organizer)",
      security: auth,
      requestBody: { required: true, ...body(sendLettersRequestSchema, 'input') },
      responses: {
        200: {
          description: 'every letter was taken by the SMTP server',
          ...body(sendLettersResponseSchema, 'output'),
        },
        400: err('invalid addresses, table or time zone'),
        409: err('no homework, or it is closed'),
        502: err('the SMTP server is down or refused a letter; the message says which groups got theirs'),
        503: err('this server has no SMTP setting'),
        ...denied,
      },
    },
  },
  '/api/workshops/{workshopId}/follow-up': {
    parameters: [workshopId],
    post: {
      summary:
        "Create a follow-up workshop that starts from this workshop's groups and last posters (organizer)",
      security: auth,
      requestBody: { required: true, ...body(followUpRequestSchema, 'input') },
      responses: {
        201: {
          description: 'created; the keys are shown only here',
          ...body(createWorkshopResponseSchema, 'output'),
        },
        400: err('invalid workshop or groups'),
        ...denied,
      },
    },
  },
  '/api/workshops/{workshopId}/export/series.zip': {
    parameters: [workshopId],
    get: {
      summary:
        "This workshop and every workshop that follows it up as one ZIP that POST /api/import reads back as a series: each workshop's own archive, series.json (follow-up links, homework, poster sources) and the series CSV (organizer)",
      security: auth,
      responses: {
        200: {
          description: 'the archive',
          content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
        },
        ...denied,
      },
    },
  },
  '/api/workshops/{workshopId}/export/series-notes.csv': {
    parameters: [
      workshopId,
      { name: 'delimiter', in: 'query', required: false, schema: { enum: ['comma', 'semicolon'] } },
    ],
    get: {
      summary:
        'Every note of this workshop and its follow-ups in story order (workshop 1, its homework, workshop 2) as CSV (organizer)',
      security: auth,
      responses: {
        200: { description: 'the CSV', content: { 'text/csv': { schema: { type: 'string' } } } },
        ...denied,
      },
    },
  },
  '/api/workshops/{workshopId}/series': {
    parameters: [workshopId],
    get: {
      summary: 'The workshops of the series, earliest first, with their homework (organizer, facilitator)',
      security: auth,
      responses: { 200: { description: 'ok', ...body(seriesViewSchema, 'output') }, ...denied },
    },
    delete: {
      summary: 'Delete this workshop and every workshop that follows it up, with all their data (organizer)',
      security: auth,
      responses: { 204: { description: 'deleted' }, ...denied },
    },
  },
}
