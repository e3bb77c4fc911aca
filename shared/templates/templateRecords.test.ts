import { describe, expect, it } from 'vitest'
import { templateSchema } from '../api'
import { validatePosterRecord } from '../posterSchema'
import { templateRecords } from './templateRecords'

const questions = [
  'Hvordan er det daglige arbejde omkring ejendomsadministration organiseret og gør det en forskel?',
  'Hvilke primære IT-værktøjer har kommunerne?',
  'Hvordan og med hvilket formål anvendes data?',
  'Hvilke barrierer er der i forhold til data?',
]

function frames(records: ReturnType<typeof templateRecords>) {
  return records.filter((r) => r.typeName === 'shape' && r.type === 'frame')
}

function frameName(r: ReturnType<typeof templateRecords>[number]): string {
  return (r.props as { name: string }).name
}

describe('templateRecords', () => {
  for (const template of templateSchema.options) {
    for (const language of ['da', 'en'] as const) {
      it(`${template} (${language}): every record is valid, frames are locked and titled`, () => {
        const records = templateRecords(template, questions, language)
        for (const record of records) expect(validatePosterRecord(record), record.id).toBeNull()
        for (const frame of frames(records)) {
          expect(frame.isLocked).toBe(true)
          expect(frameName(frame).length).toBeGreaterThan(0)
        }
        expect(new Set(records.map((r) => r.id)).size).toBe(records.length)
        expect(records.some((r) => r.typeName === 'document')).toBe(true)
        expect(records.some((r) => r.typeName === 'page')).toBe(true)
      })
    }
  }

  it('questions: one frame per question, titled with it', () => {
    const names = frames(templateRecords('questions', questions, 'da')).map(frameName)
    expect(names).toEqual(questions.map((q, i) => `${i + 1}. ${q}`))
  })

  it('collaboration plan: the seven planning columns in the workshop language', () => {
    expect(frames(templateRecords('collaboration-plan', [], 'da')).map(frameName)).toEqual([
      'Formål',
      'Målgrupper',
      'Budskaber',
      'Aktiviteter/Kanaler',
      'Tid',
      'Ressourcer',
      'Ansvarlig',
    ])
    expect(frames(templateRecords('collaboration-plan', [], 'en')).map(frameName)[0]).toBe('Purpose')
  })

  it('as-is/to-be and staircase: their fixed frames, with the questions shown as text', () => {
    const asis = templateRecords('asis-tobe', questions, 'en')
    expect(frames(asis).map(frameName)).toEqual(['AS IS – how it is today', 'TO BE – how we want it'])
    expect(JSON.stringify(asis)).toContain('Hvilke barrierer')
    expect(frames(templateRecords('staircase', [], 'da')).map(frameName)).toEqual([
      'Trin 1',
      'Trin 2',
      'Trin 3',
      'Trin 4',
      'Trin 5',
    ])
  })

  it('blank: only the document and the page', () => {
    expect(templateRecords('blank', [], 'da').map((r) => r.typeName)).toEqual(['document', 'page'])
  })

  it('is deterministic, so two seeds of one poster merge into the same records', () => {
    expect(templateRecords('questions', questions, 'da')).toEqual(
      templateRecords('questions', questions, 'da'),
    )
  })

  it('frames do not overlap', () => {
    for (const template of templateSchema.options) {
      const boxes = frames(templateRecords(template, questions, 'da')).map((f) => {
        const p = f.props as { w: number; h: number }
        return { x: f.x as number, y: f.y as number, w: p.w, h: p.h }
      })
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i], boxes[j]]
          const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
          expect(overlap, `${template} frames ${i} and ${j}`).toBe(false)
        }
      }
    }
  })
})
