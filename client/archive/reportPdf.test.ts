import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFDocument } from 'pdf-lib'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { buildReportPdf, type ReportInput } from './reportPdf'

const fonts = {
  regular: new Uint8Array(readFileSync(join(__dirname, 'fonts/DejaVuSans.ttf'))),
  bold: new Uint8Array(readFileSync(join(__dirname, 'fonts/DejaVuSans-Bold.ttf'))),
}

function png(width: number, height: number): Uint8Array {
  const image = new PNG({ width, height })
  image.data.fill(200)
  return new Uint8Array(PNG.sync.write(image))
}

function input(overrides: Partial<ReportInput> = {}): ReportInput {
  const rounds = [
    {
      id: 'r1',
      index: 0,
      title: 'AS IS',
      questions: ['Hvad virker?', 'Hvad driller?'],
      template: 'questions',
    },
    { id: 'r2', index: 1, title: 'TO BE', questions: ['Hvor vil vi hen?'], template: 'questions' },
  ]
  const tables = ['Bord 1', 'Bord 2']
  return {
    title: 'Kloge kvadratmeter – workshop 1',
    date: '2026-03-05',
    place: 'Århus',
    language: 'da',
    rounds,
    posters: rounds.flatMap((r) =>
      tables.map((tableName) => ({
        roundId: r.id,
        tableName,
        image: async () => ({ bytes: png(400, 300), kind: 'png' as const, width: 400, height: 300 }),
      })),
    ),
    notes: [
      {
        roundId: 'r1',
        tableName: 'Bord 1',
        question: '1. Hvad virker?',
        questionIndex: 0,
        text: 'Blåbærgrød og æbleskiver',
        votes: 3,
      },
      {
        roundId: 'r1',
        tableName: 'Bord 2',
        question: null,
        questionIndex: null,
        text: 'Uden for: ØRESUND',
        votes: 0,
      },
      {
        roundId: 'r2',
        tableName: 'Bord 2',
        question: '1. Hvor vil vi hen?',
        questionIndex: 0,
        text: `Lang tekst ${'meget '.repeat(60)}slut`,
        votes: 1,
      },
    ],
    fonts,
    now: new Date('2026-03-05T15:00:00Z'),
    ...overrides,
  }
}

function pdfText(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'plenum-report-'))
  try {
    writeFileSync(join(dir, 'r.pdf'), bytes)
    return execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-']).toString('utf8')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('buildReportPdf', () => {
  it('has a cover, one landscape page per poster, and the notes per question with votes', async () => {
    const progress: number[] = []
    const bytes = await buildReportPdf(input({ onProgress: (done) => progress.push(done) }))
    const pdf = await PDFDocument.load(bytes)
    const pages = pdf.getPages()
    expect(pages.length).toBeGreaterThanOrEqual(1 + 4 + 2)
    for (const page of pages.slice(1, 5)) expect(page.getWidth()).toBeGreaterThan(page.getHeight())
    expect(progress).toEqual([1, 2, 3, 4, 5, 6])

    const text = pdfText(bytes)
    expect(text).toContain('Kloge kvadratmeter – workshop 1')
    expect(text).toContain('2026-03-05 · Århus')
    expect(text).toContain('2. Hvad driller?')
    expect(text).toContain('Runde 2: TO BE — Bord 2')
    expect(text).toContain('Blåbærgrød og æbleskiver (3 stemmer)')
    expect(text).toContain('Uden for rammer')
    expect(text).toContain('Uden for: ØRESUND')
    expect(text).toMatch(/meget\s+slut \(1 stemme\)/)
  })

  it('says so on the page when a poster cannot be drawn, and finishes the report', async () => {
    const base = input()
    const bytes = await buildReportPdf({
      ...base,
      posters: base.posters.map((p, i) =>
        i === 0 ? { ...p, image: async () => Promise.reject(new Error('x')) } : p,
      ),
    })
    expect(pdfText(bytes)).toContain('Plakaten kunne ikke tegnes.')
  })

  it('prints the conclusions, most voted theme first, before the poster pages', async () => {
    const note = (text: string, tableName: string) => ({
      text,
      tableName,
      authorName: null,
      posterId: 'p',
      noteId: text,
    })
    const bytes = await buildReportPdf(
      input({
        conclusions: [
          {
            roundId: 'r1',
            frameId: 'f2',
            label: 'Regneark overalt',
            votes: 5,
            notes: [note('Alt ligger i Excel', 'Bord 2')],
          },
          {
            roundId: 'r1',
            frameId: 'f1',
            label: 'ESDH',
            votes: 0,
            notes: [note('SBSYS til sager', 'Bord 1')],
          },
        ],
      }),
    )
    const pages = (await PDFDocument.load(bytes)).getPages()
    expect(pages[1].getWidth()).toBeLessThan(pages[1].getHeight())
    const text = pdfText(bytes)
    const conclusions = text.indexOf('Konklusioner')
    expect(conclusions).toBeGreaterThan(-1)
    expect(conclusions).toBeLessThan(text.indexOf('Runde 1: AS IS — Bord 1'))
    expect(text).toContain('Regneark overalt (5 stemmer)')
    expect(text).toMatch(/Alt ligger i Excel\s+— Bord 2/)
    expect(text.indexOf('Regneark overalt')).toBeLessThan(text.indexOf('ESDH'))
  })
})
