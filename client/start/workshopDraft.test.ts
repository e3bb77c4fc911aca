import { describe, expect, it } from 'vitest'
import { createWorkshopRequestSchema, updateWorkshopRequestSchema, type WorkshopView } from '../../shared/api'
import {
  draftFromWorkshop,
  draftToCreateRequest,
  draftToUpdateRequest,
  emptyDraft,
  newRound,
  resizeTables,
} from './workshopDraft'

describe('workshopDraft', () => {
  it('turns the form into a valid create request, homework round included', () => {
    const d = emptyDraft('da')
    d.title = 'Kloge Kommunale Kvadratmeter – Workshop 1 AS IS'
    d.rounds[0].questions = ['Hvem bruger bygningerne?', '  ', 'Hvad virker?']
    const second = newRound(2, 'da')
    second.copyFrom = d.rounds[0].key
    second.template = 'asis-tobe'
    d.rounds.push(second)
    const req = draftToCreateRequest(d)
    expect(req.tables).toBe(4)
    expect(req.anonymousNotes).toBe(false)
    expect(req.rounds[0].questions).toEqual(['Hvem bruger bygningerne?', 'Hvad virker?'])
    expect(req.rounds[1].copyFromRound).toBe(0)
    expect(createWorkshopRequestSchema.safeParse(req).success).toBe(true)
  })

  it('sends table names when any table is named', () => {
    const d = emptyDraft('en')
    d.title = 'T'
    d.tables = resizeTables(d.tables, 3)
    d.tables[1].name = 'Odense'
    const req = draftToCreateRequest(d)
    expect(req.tables).toEqual([{}, { name: 'Odense' }, {}])
    expect(createWorkshopRequestSchema.safeParse(req).success).toBe(true)
  })

  it('resizes the table list within 1..40', () => {
    const d = emptyDraft('da')
    expect(resizeTables(d.tables, 6)).toHaveLength(6)
    expect(resizeTables(d.tables, 0)).toHaveLength(1)
    expect(resizeTables(d.tables, 99)).toHaveLength(40)
    expect(resizeTables(d.tables, 2)[1].key).toBe(d.tables[1].key)
  })

  it('round-trips an existing workshop into a valid update request', () => {
    const view: WorkshopView = {
      id: 'w1',
      code: 'ABCD',
      title: 'Workshop 2 TO BE',
      date: '2026-12-01',
      place: 'København',
      language: 'da',
      anonymousNotes: false,
      createdAt: '2026-11-22T10:00:00Z',
      currentRoundId: null,
      controlDocName: 'w-w1',
      rounds: [
        {
          id: 'r2',
          index: 1,
          title: 'B',
          questions: [],
          template: 'blank',
          minutes: 10,
          copyFromRoundId: 'r1',
          phase: 'draft',
        },
        {
          id: 'r1',
          index: 0,
          title: 'A',
          questions: ['q'],
          template: 'questions',
          minutes: 20,
          copyFromRoundId: null,
          phase: 'draft',
        },
      ],
      tables: [{ id: 't1', number: 1, name: 'Bord 1', colour: 'blue', joinCode: 'X', joinUrl: '/join/X' }],
      posters: [],
      role: 'organizer',
    }
    const req = draftToUpdateRequest(draftFromWorkshop({ ...view, anonymousNotes: true }))
    expect(req.anonymousNotes).toBe(true)
    expect(req.rounds?.map((r) => r.id)).toEqual(['r1', 'r2'])
    expect(req.rounds?.[1].copyFromRound).toBe(0)
    expect(req.tables).toEqual([{ id: 't1', name: 'Bord 1', colour: 'blue' }])
    expect(updateWorkshopRequestSchema.safeParse(req).success).toBe(true)
  })
})
