/**
 * How the exports group notes: per round, per question (in the round's order), per table. The
 * server's Markdown and the browser's report PDF both use this, so they always agree. Labels
 * are in the workshop's language.
 */
import type { Language } from './api'
import { addsOwnQuestions, questionLabel } from './questionLabels'

/** Labels of the exports, per language. */
export const exportLabels = {
  da: {
    outsideFrames: 'Uden for rammer',
    csvHeader: [
      'Workshop',
      'Runde',
      'Bord',
      'Spørgsmål',
      'Tekst',
      'Farve',
      'Stemmer',
      'Oprettet',
      'Forfatter',
      'Tema',
    ],
    round: 'Runde',
    votes: (n: number) => (n === 1 ? '1 stemme' : `${n} stemmer`),
    noNotes: 'Ingen noter.',
    exported: 'Eksporteret',
  },
  en: {
    outsideFrames: 'Outside frames',
    csvHeader: [
      'Workshop',
      'Round',
      'Table',
      'Question',
      'Text',
      'Colour',
      'Votes',
      'Created at',
      'Author',
      'Theme',
    ],
    round: 'Round',
    votes: (n: number) => (n === 1 ? '1 vote' : `${n} votes`),
    noNotes: 'No notes.',
    exported: 'Exported',
  },
} as const

/** The parts of a round the grouping reads. */
export interface GroupRound {
  id: string
  index: number
  title: string
  questions: string[]
  template: string
  /** The round whose posters this round's posters start from, if any. */
  copyFromRoundId?: string | null
}

/** The parts of a note row the grouping reads. */
export interface GroupRow {
  roundId: string
  tableName: string
  question: string | null
  questionIndex: number | null
}

/** Notes of one question, per table. */
export interface QuestionGroup<R> {
  question: string
  tables: Array<{ tableName: string; notes: R[] }>
}

/** Notes of one round, per question. */
export interface RoundGroup<R, Q = GroupRound> {
  round: Q
  questions: Array<QuestionGroup<R>>
}

/** Groups note rows per round, then question (in poster order), then table. */
export function groupByQuestion<R extends GroupRow, Q extends GroupRound>(
  language: Language,
  rounds: Q[],
  rows: R[],
): Array<RoundGroup<R, Q>> {
  const labels = exportLabels[language]
  return [...rounds]
    .sort((x, y) => x.index - y.index)
    .map((round) => {
      const inRound = rows.filter((r) => r.roundId === round.id)
      // A round that added its own questions onto earlier posters (homework, a follow-up's
      // first round) labels them with its title, as its frames do: the copied frames keep "1.".
      const source = round.copyFromRoundId ? rounds.find((x) => x.id === round.copyFromRoundId) : undefined
      const titled =
        (source !== undefined && addsOwnQuestions(round.questions, source.questions)) ||
        inRound.some(
          (r) =>
            r.questionIndex !== null &&
            r.question ===
              questionLabel(r.questionIndex, round.questions[r.questionIndex] ?? '', round.title),
        )
      const label = (i: number, q: string) => questionLabel(i, q, titled ? round.title : undefined)
      const order: string[] = []
      // The round's own questions first (in order), then other frames, then "outside frames".
      const keyOf = (r: R) =>
        r.questionIndex !== null && round.questions[r.questionIndex] !== undefined
          ? label(r.questionIndex, round.questions[r.questionIndex])
          : (r.question ?? labels.outsideFrames)
      // Only the questions template has a frame per question; others frame other things.
      if (round.template === 'questions') order.push(...round.questions.map((q, i) => label(i, q)))
      for (const r of inRound) if (!order.includes(keyOf(r)) && r.question !== null) order.push(keyOf(r))
      if (inRound.some((r) => r.question === null)) order.push(labels.outsideFrames)
      return {
        round,
        questions: order.map((question) => {
          const here = inRound.filter((r) => keyOf(r) === question)
          const tableNames = [...new Set(here.map((r) => r.tableName))]
          return {
            question,
            tables: tableNames.map((tableName) => ({
              tableName,
              notes: here.filter((r) => r.tableName === tableName),
            })),
          }
        }),
      }
    })
}
