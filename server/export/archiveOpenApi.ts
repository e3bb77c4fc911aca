/**
 * OpenAPI entries of the archive routes (see `archiveRoutes.ts`), added to
 * `/api/openapi.json` by the API router.
 */
type Json = Record<string, unknown>

const errorRef = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }
const err = (description: string) => ({ description, ...errorRef })
const auth = [{ bearer: [] }]
const path = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } })
const file = (type: string) => ({
  description: 'file (Content-Disposition: attachment)',
  content: { [type]: { schema: { type: 'string', format: 'binary' } } },
})
const denied = {
  401: err('no key'),
  403: err('wrong role or workshop'),
  404: err('unknown workshop, poster or snapshot'),
}

const snapshotSummary = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    workshopId: { type: 'string' },
    posterId: { type: 'string' },
    roundId: { type: 'string' },
    tableId: { type: 'string' },
    reason: { enum: ['manual', 'lock', 'present', 'import'] },
    createdAt: { type: 'string', format: 'date-time' },
    noteCount: { type: 'integer' },
    stateBytes: { type: 'integer' },
  },
}

/** The archive's OpenAPI paths. */
export const archiveOpenApiPaths: Record<string, Json> = {
  '/api/workshops/{id}/snapshots': {
    parameters: [path('id')],
    get: {
      summary:
        'Snapshots of the workshop, oldest first; filter with ?roundId, ?tableId, ?posterId (organizer, facilitator)',
      security: auth,
      responses: {
        200: {
          description: 'ok',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { snapshots: { type: 'array', items: snapshotSummary } },
              },
            },
          },
        },
        ...denied,
      },
    },
    post: {
      summary: 'Take a snapshot of a poster by hand (organizer, facilitator)',
      security: auth,
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: { type: 'object', required: ['posterId'], properties: { posterId: { type: 'string' } } },
          },
        },
      },
      responses: {
        201: { description: 'taken', content: { 'application/json': { schema: snapshotSummary } } },
        400: err('invalid input'),
        ...denied,
      },
    },
  },
  '/api/workshops/{id}/snapshots/{snapshotId}': {
    parameters: [path('id'), path('snapshotId')],
    get: {
      summary: 'One snapshot: summary, tldraw document and extracted texts (organizer)',
      security: auth,
      responses: { 200: { description: 'ok' }, ...denied },
    },
  },
  '/api/workshops/{id}/snapshots/{snapshotId}/poster.tldr': {
    parameters: [path('id'), path('snapshotId')],
    get: {
      summary: 'The snapshot as a tldraw file (organizer)',
      security: auth,
      responses: { 200: file('application/vnd.tldraw+json'), ...denied },
    },
  },
  '/api/workshops/{id}/snapshots/{snapshotId}/restore': {
    parameters: [path('id'), path('snapshotId')],
    post: {
      summary:
        'Restore as a copy: a new poster for a table of a round that has not started, or a standalone sandbox poster. The poster the snapshot came from is never changed (organizer)',
      security: auth,
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              oneOf: [
                { type: 'object', required: ['target'], properties: { target: { const: 'standalone' } } },
                {
                  type: 'object',
                  required: ['target', 'roundId', 'tableId'],
                  properties: {
                    target: { const: 'poster' },
                    roundId: { type: 'string' },
                    tableId: { type: 'string' },
                  },
                },
              ],
            },
          },
        },
      },
      responses: {
        201: { description: 'copied: { docName, posterId, url }' },
        400: err('invalid input'),
        409: err('the round has started, or sandboxes are off'),
        ...denied,
      },
    },
  },
  '/api/workshops/{id}/posters/{posterId}/poster.tldr': {
    parameters: [path('id'), path('posterId')],
    get: {
      summary: 'A poster as it is now, as a tldraw file (organizer)',
      security: auth,
      responses: { 200: file('application/vnd.tldraw+json'), ...denied },
    },
  },
  '/api/workshops/{id}/export/notes.json': {
    parameters: [path('id')],
    get: {
      summary: 'Every note with round, table, question, colour, votes (organizer)',
      security: auth,
      responses: { 200: { description: 'ok' }, ...denied },
    },
  },
  '/api/workshops/{id}/export/notes.csv': {
    parameters: [path('id'), { name: 'delimiter', in: 'query', schema: { enum: ['comma', 'semicolon'] } }],
    get: {
      summary: 'Every note as CSV (UTF-8 with BOM, CRLF) in the workshop language (organizer)',
      security: auth,
      responses: { 200: file('text/csv'), ...denied },
    },
  },
  '/api/workshops/{id}/export/summary.md': {
    parameters: [path('id')],
    get: {
      summary: 'Notes per round and question, grouped by table, as Markdown (organizer)',
      security: auth,
      responses: { 200: file('text/markdown'), ...denied },
    },
  },
  '/api/workshops/{id}/export/workshop.zip': {
    parameters: [path('id')],
    get: {
      summary:
        'Everything as a ZIP that POST /api/import reads back: manifest, workshop JSON, Yjs state and .tldr per poster, snapshots, CSV, Markdown (organizer)',
      security: auth,
      responses: { 200: file('application/zip'), ...denied },
    },
  },
  '/api/import': {
    post: {
      summary:
        'Import a workshop ZIP as a new workshop, or a series ZIP as a new series (its workshops linked as before), with new ids, codes and keys; a failed import leaves nothing behind. For a series the response is its first workshop plus `series`, every workshop in order',
      requestBody: {
        required: true,
        content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
      },
      responses: {
        201: {
          description: 'imported',
          content: {
            'application/json': { schema: { $ref: '#/components/schemas/CreateWorkshopResponse' } },
          },
        },
        400: err(
          'not a Plenum workshop or series archive, damaged, newer than this server, or with broken series links',
        ),
        413: err('too large'),
      },
    },
  },
}
