import { describe, expect, it } from 'vitest'
import type { JsonRecord } from '../../shared/docLayout'
import { templateRecords } from '../../shared/templates/templateRecords'
import { testNote } from '../testing/testNote'
import { mergePosterRecords } from './mergePosters'

function poster(texts: string[]): JsonRecord[] {
  const records = templateRecords('questions', ['Hvad virker?'], 'da')
  const page = records.find((r) => r.typeName === 'page') as JsonRecord
  return [
    ...records,
    ...texts.map((t, i) => ({ ...testNote(`n${i}`, i, t), parentId: page.id }) as JsonRecord),
  ]
}

describe('mergePosterRecords', () => {
  it('keeps a single poster as it is', () => {
    const one = poster(['Excel-ark'])
    expect(mergePosterRecords([one])).toEqual(one)
  })

  it('puts a second poster beside the first with its own ids, on the first page, above it', () => {
    const a = poster(['Excel-ark'])
    const b = poster(['ESDH virker ikke'])
    const merged = mergePosterRecords([a, b])
    const ids = merged.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(merged.filter((r) => r.typeName === 'page')).toHaveLength(1)
    const pageId = merged.find((r) => r.typeName === 'page')?.id
    const shapes = merged.filter((r) => r.typeName === 'shape')
    for (const s of shapes) expect(ids.includes(String(s.parentId)) || s.parentId === pageId).toBe(true)
    const frames = shapes.filter((s) => s.type === 'frame')
    expect(frames).toHaveLength(2)
    const [first, second] = frames
    expect(Number(second.x)).toBeGreaterThan(Number(first.x) + Number((first.props as { w: number }).w))
    expect(String(second.index) > String(first.index)).toBe(true)
    const texts = JSON.stringify(merged)
    expect(texts).toContain('Excel-ark')
    expect(texts).toContain('ESDH virker ikke')
  })

  it('returns nothing for no posters', () => {
    expect(mergePosterRecords([])).toEqual([])
  })
})
