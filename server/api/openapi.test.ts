import { describe, expect, it } from 'vitest'
import { openApiDocument } from './openapi'

describe('openApiDocument', () => {
  it('describes request and response bodies from the shared schemas', () => {
    const doc = openApiDocument() as {
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> }
    }
    const join = doc.components.schemas.JoinRequest
    expect(Object.keys(join.properties ?? {})).toEqual(expect.arrayContaining(['code', 'name', 'tableId']))
    expect(Object.keys(doc.components.schemas.JoinResponse.properties ?? {})).toContain('posterDocName')
    expect(Object.keys(doc.components.schemas.RotatedKey.properties ?? {})).toEqual(['role', 'key', 'url'])
    const paths = openApiDocument().paths as Record<string, Record<string, { security?: unknown[] }>>
    expect(paths['/api/workshops/{id}/keys/{role}'].post.security).toEqual([{ bearer: [] }])
  })

  it('lists mounted routes that no area described, with their path parameters', () => {
    const routes = [
      { method: 'GET', path: '/api/things/:thingId/parts/:partId' },
      { method: 'POST', path: '/api/workshops' },
      { method: 'ALL', path: '/api/*' },
    ]
    const paths = openApiDocument({ routes }).paths as Record<
      string,
      Record<string, { parameters?: Array<{ name: string }>; summary?: string }>
    >
    const added = paths['/api/things/{thingId}/parts/{partId}'].get
    expect(added.parameters?.map((p) => p.name)).toEqual(['thingId', 'partId'])
    // Described routes keep their own description.
    expect(paths['/api/workshops'].post.summary).toMatch(/Create a workshop/)
    expect(Object.keys(paths).some((p) => p.includes('*'))).toBe(false)
  })
})
