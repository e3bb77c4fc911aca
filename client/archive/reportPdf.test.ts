import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PDFDocument } from 'pdf-lib'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { frameRecord, noteRecord } from '../../shared/testing/posterFixtures'
import { buildPosterScene } from '../render/posterScene'
import { buildReportPdf, type ReportInput } from './reportPdf'

const fonts = {
  regular: new Uint8Array(readFileSync(join(__dirname, 'fonts/DejaVuSans.ttf'))),
  bold: new Uint8Array(readFileSync(join(__dirname, 'fonts/DejaVuSans-Bold.ttf'))),
}

/** A poster with a question frame holding a yellow and a blue note, and a note outside it. */
function posterScene(tableName: string) {
  const frame = frameRecord({ id: 'shape:q1', name: '1. Hvad virker?', w: 900, h: 600 })
  return buildPosterScene([
    frame,
    noteRecord({
      parentId: frame.id,
      x: 40,
      y: 80,
      text: `${tableName}: Cykelstier på Ørestad`,
      color: 'yellow',
    }),
    noteRecord({ parentId: frame.id, x: 300, y: 80, text: 'Mere grønt', color: 'light-blue' }),
    noteRecord({ x: 1000, y: 80, text: 'Parkeret idé', color: 'light-green' }),
  ])
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
        scene: async () => posterScene(tableName),
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

/** Pixels of one page at 40 dpi. */
function pagePixels(bytes: Uint8Array, page: number): PNG {
  const dir = mkdtempSync(join(tmpdir(), 'plenum-report-'))
  try {
    writeFileSync(join(dir, 'r.pdf'), bytes)
    const p = String(page)
    execFileSync('pdftoppm', [
      '-r',
      '40',
      '-png',
      '-f',
      p,
      '-l',
      p,
      '-singlefile',
      join(dir, 'r.pdf'),
      join(dir, 'p'),
    ])
    return PNG.sync.read(readFileSync(join(dir, 'p.png')))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** How many pixels of an image are (nearly) the colour `#rrggbb`. */
function countColour(image: PNG, colour: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(colour.slice(i, i + 2), 16))
  let n = 0
  for (let i = 0; i < image.data.length; i += 4) {
    const d = Math.abs(image.data[i] - r) + Math.abs(image.data[i + 1] - g) + Math.abs(image.data[i + 2] - b)
    if (d < 12) n++
  }
  return n
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

  it('draws each poster with its question frames and notes in their colours, as searchable text', async () => {
    const bytes = await buildReportPdf(input())
    const text = pdfText(bytes)
    expect(text).toContain('1. Hvad virker?')
    expect(text).toContain('Cykelstier på')
    expect(text).toContain('Ørestad')
    expect(text).toContain('Parkeret idé')
    // Page 2 is the first poster: yellow, light blue and light green notes on a white frame.
    const page = pagePixels(bytes, 2)
    expect(countColour(page, '#fed49a')).toBeGreaterThan(200)
    expect(countColour(page, '#9bc4fd')).toBeGreaterThan(200)
    expect(countColour(page, '#98d08a')).toBeGreaterThan(200)
  })

  it('says so on the page when a poster cannot be drawn, and finishes the report', async () => {
    const base = input()
    const bytes = await buildReportPdf({
      ...base,
      posters: base.posters.map((p, i) =>
        i === 0 ? { ...p, scene: async () => Promise.reject(new Error('x')) } : p,
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
