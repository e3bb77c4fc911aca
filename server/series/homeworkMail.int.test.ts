/**
 * Sending the homework letters over SMTP against a real SMTP server on loopback (smtp-server):
 * each group's letter arrives with its own link and the Danish text; a server without an SMTP
 * setting answers 503, and one whose SMTP server is down answers 502, sends nothing and keeps
 * the homework as it was.
 */
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CreateWorkshopResponse } from '../../shared/api'
import { formatWhen } from '../../shared/homeworkLetter'
import type { HomeworkStatus } from '../../shared/seriesApi'
import { type ApiTestServer, startApiTestServer } from '../api/apiTestServer'
import { freePort } from '../testing/freePort'

interface Received {
  from: string
  to: string[]
  raw: string
}

const inbox: Received[] = []
/** A week from now at 21:00 UTC. */
const closesAt = new Date(Math.floor(Date.now() / 86_400_000 + 7) * 86_400_000 + 21 * 3_600_000).toISOString()
let smtp: SMTPServer
let smtpPort: number
const servers: ApiTestServer[] = []

/** Decodes MIME encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`) in a header. */
function decodeWords(header: string): string {
  return header
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_w, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    )
}

/** The subject and the plain-text body of a received message. */
function parseMail(raw: string): { subject: string; text: string } {
  const [head, ...rest] = raw.split('\r\n\r\n')
  const unfolded = head.replace(/\r\n[ \t]+/g, ' ')
  const header = (name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(unfolded)?.[1] ?? ''
  const body = rest.join('\r\n\r\n')
  const encoding = header('Content-Transfer-Encoding').toLowerCase()
  const text =
    encoding === 'base64'
      ? Buffer.from(body, 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(
            body
              .replace(/=\r\n/g, '')
              .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
            'latin1',
          ).toString('utf8')
        : body
  return { subject: decodeWords(header('Subject')), text: text.replace(/\r\n/g, '\n') }
}

async function api<T>(server: ApiTestServer, path: string, init: { body?: unknown; key?: string } = {}) {
  const res = await fetch(`${server.url}/api${path}`, {
    method: init.body ? 'POST' : 'GET',
    headers: {
      'content-type': 'application/json',
      ...(init.key ? { authorization: `Bearer ${init.key}` } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  })
  return { status: res.status, body: (await res.json()) as T & { error?: string; field?: string } }
}

/** A workshop with two groups and homework open for a week, on `server`. */
async function workshopWithHomework(server: ApiTestServer): Promise<CreateWorkshopResponse> {
  const created = await api<CreateWorkshopResponse>(server, '/workshops', {
    body: {
      title: 'Workshop 1: AS IS',
      date: '2026-10-11',
      language: 'da',
      rounds: [{ title: 'Runde 1', questions: ['Hvor er vi?'] }],
      tables: [{ name: 'Trin 1' }, { name: 'Trin 2' }],
    },
  })
  expect(created.status).toBe(201)
  const w = created.body
  const opened = await api(server, `/workshops/${w.workshopId}/homework`, {
    body: {
      questions: ['Skriv erfaringer fra jeres projekter ind'],
      closesAt,
    },
    key: w.organizerKey,
  })
  expect(opened.status).toBe(201)
  return w
}

async function start(overrides: Parameters<typeof startApiTestServer>[0]): Promise<ApiTestServer> {
  const server = await startApiTestServer(overrides)
  servers.push(server)
  return server
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        inbox.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()))
  smtpPort = (smtp.server.address() as { port: number }).port
})

afterAll(async () => {
  for (const s of servers) await s.close()
  await new Promise<void>((resolve) => smtp.close(() => resolve()))
})

describe('homework letters over SMTP', () => {
  it("arrive at each group's addresses with the group's own link and the Danish text", async () => {
    const server = await start({
      smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
      mailFrom: 'Plenum <plenum@kommune.dk>',
    })
    const w = await workshopWithHomework(server)
    const status = await api<HomeworkStatus>(server, `/workshops/${w.workshopId}/homework`, {
      key: w.organizerKey,
    })
    expect(status.body.canSendMail).toBe(true)
    const staff = await api<HomeworkStatus>(server, `/workshops/${w.workshopId}/homework`, {
      key: w.facilitatorKey,
    })
    expect(staff.body.canSendMail).toBe(false)

    const [t1, t2] = w.tables
    const body = {
      lang: 'da',
      timeZone: 'Europe/Copenhagen',
      letters: [
        { tableId: t1.id, to: ['anna@kommune.dk', 'bo@kommune.dk'] },
        { tableId: t2.id, to: ['cecilie@kommune.dk'] },
      ],
    }
    const denied = await api(server, `/workshops/${w.workshopId}/homework/letters`, {
      body,
      key: w.facilitatorKey,
    })
    expect(denied.status).toBe(403)
    const sent = await api<{ sent: Array<{ tableId: string; to: string[] }> }>(
      server,
      `/workshops/${w.workshopId}/homework/letters`,
      { body, key: w.organizerKey },
    )
    expect(sent.status).toBe(200)
    expect(sent.body.sent.map((s) => s.tableId)).toEqual([t1.id, t2.id])
    expect(inbox).toHaveLength(2)
    expect(inbox[0].from).toBe('plenum@kommune.dk')
    expect(inbox[0].to).toEqual(['anna@kommune.dk', 'bo@kommune.dk'])
    expect(inbox[1].to).toEqual(['cecilie@kommune.dk'])
    const first = parseMail(inbox[0].raw)
    expect(first.subject).toBe('Workshop 1: AS IS: hjemmearbejde for Trin 1')
    expect(first.text).toContain('Kære Trin 1')
    expect(first.text).toContain(`${server.url}/join/${t1.joinCode}`)
    expect(first.text).toContain(`skriv koden ${t1.joinCode}`)
    expect(first.text).toContain('- Skriv erfaringer fra jeres projekter ind')
    // Written in Danish, in the organizer's time zone (Copenhagen, not the server's UTC).
    expect(first.text).toContain(`indtil ${formatWhen(closesAt, 'da', 'Europe/Copenhagen')}:`)
    expect(formatWhen(closesAt, 'da', 'Europe/Copenhagen')).toMatch(/^\d{1,2}\. [a-zæøå]+ .*(22|23)\.00$/)
    expect(first.text).toContain('På en telefon kan I vælge "Kun noter"')
    const second = parseMail(inbox[1].raw)
    expect(second.text).toContain(`${server.url}/join/${t2.joinCode}`)
    expect(second.text).not.toContain(t1.joinCode)

    const bad = await api(server, `/workshops/${w.workshopId}/homework/letters`, {
      body: { ...body, letters: [{ tableId: t1.id, to: ['ikke en adresse'] }] },
      key: w.organizerKey,
    })
    expect(bad.status).toBe(400)
    expect(bad.body.field).toBe('letters.0.to.0')
    expect(inbox).toHaveLength(2)
  })

  it('are refused with 503 by a server without an SMTP setting', async () => {
    const server = await start({})
    const w = await workshopWithHomework(server)
    const status = await api<HomeworkStatus>(server, `/workshops/${w.workshopId}/homework`, {
      key: w.organizerKey,
    })
    expect(status.body.canSendMail).toBe(false)
    const res = await api(server, `/workshops/${w.workshopId}/homework/letters`, {
      body: { lang: 'da', letters: [{ tableId: w.tables[0].id, to: ['anna@kommune.dk'] }] },
      key: w.organizerKey,
    })
    expect(res.status).toBe(503)
    expect(res.body.error).toMatch(/does not send e-mail/)
  })

  it('are refused with 502 when the SMTP server is down, sending nothing and keeping the homework', async () => {
    const server = await start({ smtpUrl: `smtp://127.0.0.1:${await freePort()}` })
    const w = await workshopWithHomework(server)
    const before = inbox.length
    const res = await api(server, `/workshops/${w.workshopId}/homework/letters`, {
      body: { lang: 'en', letters: [{ tableId: w.tables[0].id, to: ['anna@kommune.dk'] }] },
      key: w.organizerKey,
    })
    expect(res.status).toBe(502)
    expect(res.body.error).toMatch(/mail server did not take the letter to Trin 1 .*no letter was sent/)
    expect(inbox.length).toBe(before)
    const status = await api<HomeworkStatus>(server, `/workshops/${w.workshopId}/homework`, {
      key: w.organizerKey,
    })
    expect(status.body.homework?.closed).toBe(false)
    expect(status.body.tables).toHaveLength(2)
  })
})
