import { describe, expect, it } from 'vitest'
import { matchPath, matchRoute, type RouteDef } from './matchRoute'

const page = () => Promise.resolve({ default: () => null })
const table: RouteDef[] = [
  { path: '/', title: { da: 'Start', en: 'Start' }, page },
  { path: '/w/:workshopId/t/:tableId/notes', title: { da: 'Noter', en: 'Notes' }, page },
  { path: '/w/:workshopId/t/:tableId', title: { da: 'Bord', en: 'Table' }, page },
]

describe('matchPath', () => {
  it('captures named segments, decoded', () => {
    expect(matchPath('/p/:docName', '/p/s-abc%20d')).toEqual({ docName: 's-abc d' })
  })
  it('ignores a trailing slash but not extra segments', () => {
    expect(matchPath('/join', '/join/')).toEqual({})
    expect(matchPath('/join', '/join/AB12')).toBeNull()
  })
  it('rejects malformed escapes instead of throwing', () => {
    expect(matchPath('/p/:docName', '/p/%E0%A4%A')).toBeNull()
  })
})

describe('matchRoute', () => {
  it('picks the first matching route with its params', () => {
    const m = matchRoute(table, '/w/w1/t/t2/notes')
    expect(m?.route.title.en).toBe('Notes')
    expect(m?.params).toEqual({ workshopId: 'w1', tableId: 't2' })
    expect(matchRoute(table, '/w/w1/t/t2')?.route.title.en).toBe('Table')
    expect(matchRoute(table, '/')?.route.title.en).toBe('Start')
  })
  it('returns null when nothing matches', () => {
    expect(matchRoute(table, '/nowhere')).toBeNull()
  })
})
