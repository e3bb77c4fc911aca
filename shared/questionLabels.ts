/**
 * How a round's questions are labelled: on the poster's frames (and so on the notes-only page,
 * which shows the frame names), in the question list above a template's columns, and in the
 * exports. One rule, so a participant sees the same label on the phone as on the canvas.
 */

/**
 * The label of question `index` (0-based) of a round: "1. Question". A round that adds its own
 * questions onto an earlier poster (homework, a follow-up's first round) passes its title, so
 * its "1." is told apart from the earlier round's "1." on the same poster:
 * "Hjemmearbejde: 1. Question".
 */
export function questionLabel(index: number, question: string, roundTitle?: string): string {
  const label = `${index + 1}. ${question}`
  const prefix = roundTitle?.trim()
  return prefix ? `${prefix}: ${label}` : label
}

/**
 * True when a round that starts from earlier posters (which asked `sourceQuestions`) adds
 * question frames of its own: it has questions, and not the same ones. Those frames carry the
 * round's title in their labels.
 */
export function addsOwnQuestions(questions: readonly string[], sourceQuestions: readonly string[]): boolean {
  const own = questions.map((q) => q.trim()).filter(Boolean)
  return own.length > 0 && JSON.stringify(own) !== JSON.stringify(sourceQuestions.map((q) => q.trim()))
}
