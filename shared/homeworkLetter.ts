/**
 * The e-mail an organizer sends a group about its homework: subject and body in Danish or
 * English, with the group's own join link and code. The set-up page copies it or opens it in
 * the organizer's mail program; a server with an SMTP setting sends the same letter itself.
 */

/** What a letter says. */
export interface LetterInput {
  workshopTitle: string
  groupName: string
  questions: string[]
  /** The deadline, already formatted for the reader ({@link formatWhen}). */
  when: string
  /** The group's join link. */
  url: string
  /** The general join page and the group's code, for typing by hand. */
  joinUrl: string
  code: string
}

/** The letter's texts; `{name}` is filled in. */
export const letterTexts = {
  en: {
    subject: '{title}: homework for {group}',
    body: 'Dear {group},\n\nthank you for the workshop "{title}". Your poster stays open for homework until {when}:\n\n{questions}\nOpen your poster with this link (the same as at the workshop):\n{url}\nor go to {joinUrl} and type the code {code}.\n\nOn a phone, choose "Notes only" to add notes under each question.\n',
  },
  da: {
    subject: '{title}: hjemmearbejde for {group}',
    body: 'Kære {group}\n\nTak for workshoppen "{title}". Jeres plakat er åben for hjemmearbejde indtil {when}:\n\n{questions}\nÅbn plakaten med dette link (det samme som på workshoppen):\n{url}\neller gå til {joinUrl} og skriv koden {code}.\n\nPå en telefon kan I vælge "Kun noter" og skrive noter under hvert spørgsmål.\n',
  },
} as const

/** A deadline as a reader of `lang` writes it, in `timeZone` (the reader's own by default). */
export function formatWhen(iso: string, lang: 'da' | 'en', timeZone?: string): string {
  return new Date(iso).toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    ...(timeZone ? { timeZone } : {}),
  })
}

/** Whether `timeZone` is an IANA time zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone })
    return true
  } catch {
    return false
  }
}

function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole)
}

/** Subject and body of one group's homework e-mail in `lang`. */
export function homeworkLetter(input: LetterInput, lang: 'da' | 'en'): { subject: string; body: string } {
  const vars = {
    title: input.workshopTitle,
    group: input.groupName,
    when: input.when,
    url: input.url,
    joinUrl: input.joinUrl,
    code: input.code,
    questions: input.questions.length > 0 ? `${input.questions.map((q) => `- ${q}`).join('\n')}\n` : '',
  }
  return { subject: fill(letterTexts[lang].subject, vars), body: fill(letterTexts[lang].body, vars) }
}

/** A `mailto:` link with the letter filled in (no recipient: the organizer picks it). */
export function mailtoHref(letter: { subject: string; body: string }): string {
  return `mailto:?subject=${encodeURIComponent(letter.subject)}&body=${encodeURIComponent(letter.body)}`
}
