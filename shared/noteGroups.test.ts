import { describe, expect, it } from 'vitest'
import { groupByQuestion } from './noteGroups'

const day = { id: 'r1', index: 0, title: 'Trappemodellen', questions: ['Hvor er I?'], template: 'questions' }
const row = (roundId: string, question: string | null, questionIndex: number | null) => ({
  roundId,
  tableName: 'Trin 1',
  question,
  questionIndex,
})

describe('groupByQuestion', () => {
  it("numbers a round's questions from 1, with its notes per table", () => {
    const [round] = groupByQuestion('da', [day], [row('r1', '1. Hvor er I?', 0)])
    expect(round.questions.map((q) => q.question)).toEqual(['1. Hvor er I?'])
    expect(round.questions[0].tables[0].notes).toHaveLength(1)
  })

  it("labels homework's own questions with its title, apart from the copied workshop's 1.", () => {
    const homework = {
      id: 'r2',
      index: 1,
      title: 'Hjemmearbejde',
      questions: ['Skriv erfaringer ind', 'Hvad mangler?'],
      template: 'questions',
      copyFromRoundId: 'r1',
    }
    const rows = [row('r2', '1. Hvor er I?', null), row('r2', 'Hjemmearbejde: 1. Skriv erfaringer ind', 0)]
    const [, round] = groupByQuestion('da', [day, homework], rows)
    expect(round.questions.map((q) => q.question)).toEqual([
      'Hjemmearbejde: 1. Skriv erfaringer ind',
      'Hjemmearbejde: 2. Hvad mangler?',
      '1. Hvor er I?',
    ])
  })

  it('labels the own questions of a follow-up by what its frames say', () => {
    const first = { ...day, id: 'f1', title: 'TO BE', questions: ['Hvor vil vi hen?'] }
    const rows = [row('f1', 'TO BE: 1. Hvor vil vi hen?', 0), row('f1', '1. Hvor er I?', null)]
    const [round] = groupByQuestion('da', [first], rows)
    expect(round.questions.map((q) => q.question)).toEqual(['TO BE: 1. Hvor vil vi hen?', '1. Hvor er I?'])
  })
})
