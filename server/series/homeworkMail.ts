/**
 * Sending the homework letters over SMTP, when the server has an SMTP setting (`SMTP_URL`).
 * The letter is the one the set-up page copies (`shared/homeworkLetter.ts`), written here from
 * the workshop's own data, so the route sends nothing but a group's homework letter with its
 * link. nodemailer is loaded on the first letter, so a server without SMTP never holds it.
 */

import type { z } from 'zod'
import { clientPaths } from '../../shared/api'
import { formatWhen, homeworkLetter, isTimeZone } from '../../shared/homeworkLetter'
import type { HomeworkStatus, SendLettersResponse, sendLettersRequestSchema } from '../../shared/seriesApi'
import { ValidationError } from '../domain/DomainError'
import type { WorkshopAggregate } from '../domain/entities'
import { ApiError } from '../http/ApiError'
import { nodemailerModule } from '../lazyModules'
import { RoundError } from '../rounds/RoundError'

/** How long the SMTP server may take to answer before a letter counts as not sent. */
const SMTP_TIMEOUT_MS = 15_000

/** One e-mail. */
export interface Mail {
  to: string[]
  subject: string
  text: string
}

/** Sends e-mail through one SMTP server. */
export class Mailer {
  private transport: import('nodemailer').Transporter | null = null

  constructor(
    private readonly smtpUrl: string,
    private readonly from: string,
  ) {}

  /** Sends one e-mail; rejects when the SMTP server is unreachable or refuses it. */
  async send(mail: Mail): Promise<void> {
    this.transport ??= nodemailerModule().createTransport(
      {
        url: this.smtpUrl,
        connectionTimeout: SMTP_TIMEOUT_MS,
        greetingTimeout: SMTP_TIMEOUT_MS,
        socketTimeout: SMTP_TIMEOUT_MS,
      },
      { from: this.from },
    )
    await this.transport.sendMail({ to: mail.to, subject: mail.subject, text: mail.text })
  }

  /** Closes pooled connections (shutdown). */
  close(): void {
    this.transport?.close()
    this.transport = null
  }
}

type SendInput = z.output<typeof sendLettersRequestSchema>

/**
 * Sends the homework letters `input` asks for, one group after another. A letter the SMTP
 * server does not take stops the sending with a 502 that says which groups got theirs.
 */
export async function sendHomeworkLetters(
  mailer: Mailer,
  a: WorkshopAggregate,
  status: HomeworkStatus,
  input: SendInput,
  baseUrl: string,
): Promise<SendLettersResponse> {
  const homework = status.homework
  if (!homework) throw new RoundError(409, 'this workshop has no homework')
  if (homework.closed) throw new RoundError(409, 'the homework is closed')
  if (input.timeZone && !isTimeZone(input.timeZone))
    throw new ValidationError('timeZone', `unknown time zone ${input.timeZone}`)
  const letters = input.letters.map((l, i) => {
    const table = a.tables.find((t) => t.id === l.tableId)
    if (!table) throw new ValidationError(`letters.${i}.tableId`, 'no such table in this workshop')
    const letter = homeworkLetter(
      {
        workshopTitle: a.workshop.title,
        groupName: table.name,
        questions: homework.questions,
        when: formatWhen(homework.closesAt, input.lang, input.timeZone),
        url: `${baseUrl}${clientPaths.join(table.joinCode)}`,
        joinUrl: `${new URL(baseUrl).host}${clientPaths.join()}`,
        code: table.joinCode,
      },
      input.lang,
    )
    return { table, to: l.to, letter }
  })
  const sent: SendLettersResponse['sent'] = []
  for (const { table, to, letter } of letters) {
    try {
      await mailer.send({ to, subject: letter.subject, text: letter.body })
    } catch (error) {
      const done = sent.map((s) => a.tables.find((t) => t.id === s.tableId)?.name).join(', ')
      const reason = (error as Error).message || String(error)
      throw new ApiError(
        502,
        `the mail server did not take the letter to ${table.name} (${reason}); ${
          done ? `sent before it: ${done}` : 'no letter was sent'
        }`,
      )
    }
    sent.push({ tableId: table.id, to })
  }
  return { sent }
}
