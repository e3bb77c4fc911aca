/**
 * The e-mail an organizer sends a group about its homework: subject and body in the
 * workshop's language, with the group's own join link and code. No mail server is needed:
 * the set-up page copies the text or opens it in the organizer's mail program.
 */

/** What a letter says. */
export interface LetterInput {
  workshopTitle: string
  groupName: string
  questions: string[]
  /** The deadline, already formatted for the reader. */
  when: string
  /** The group's join link. */
  url: string
  /** The general join page and the group's code, for typing by hand. */
  joinUrl: string
  code: string
}

/** A formatter of the series dictionary (`t` from `useMessages(seriesMessages)`). */
export type Translate = (key: 'letterSubject' | 'letterBody', vars: Record<string, string>) => string

/** Subject and body of one group's homework e-mail. */
export function homeworkLetter(input: LetterInput, t: Translate): { subject: string; body: string } {
  const vars = {
    title: input.workshopTitle,
    group: input.groupName,
    when: input.when,
    url: input.url,
    joinUrl: input.joinUrl,
    code: input.code,
    questions: input.questions.length > 0 ? `${input.questions.map((q) => `- ${q}`).join('\n')}\n` : '',
  }
  return { subject: t('letterSubject', vars), body: t('letterBody', vars) }
}

/** A `mailto:` link with the letter filled in (no recipient: the organizer picks it). */
export function mailtoHref(letter: { subject: string; body: string }): string {
  return `mailto:?subject=${encodeURIComponent(letter.subject)}&body=${encodeURIComponent(letter.body)}`
}
