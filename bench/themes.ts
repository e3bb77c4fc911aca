/**
 * `npx tsx bench/themes.ts`: what each ingredient of theme suggestion adds, measured on the
 * hand-grouped fixture (adjusted Rand index and pairwise precision/recall against the
 * facilitator's themes), and how long a suggestion takes for the fixture and for 1,000 notes.
 * Prints a table and writes `bench/results/themes-<timestamp>.json`.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { agreement } from '../server/synthesis/agreement'
import { FIXTURE_NOTES } from '../server/synthesis/fixtures/kkm2Notes'
import {
  assignments,
  type SuggestOptions,
  suggestThemes,
  type ThemeInput,
} from '../server/synthesis/suggestThemes'

const VARIANTS: [name: string, options: SuggestOptions][] = [
  ['all ingredients (default)', {}],
  ['– Snowball stemming', { stem: false }],
  ['– stop words', { stopwords: false }],
  ['– compound splitting', { compounds: false }],
  ['– character 4-grams', { ngramWeight: 0 }],
  ['– domain lexicon', { useLexicon: false }],
  ['– question prior', { crossQuestion: 1 }],
  ['– attaching lone notes', { attachThreshold: 0 }],
  ['binary weights instead of TF-IDF', { weighting: 'binary' }],
  ['BM25 instead of TF-IDF', { weighting: 'bm25' }],
  [
    'bare words only',
    {
      stem: false,
      stopwords: false,
      compounds: false,
      ngramWeight: 0,
      useLexicon: false,
      crossQuestion: 1,
      weighting: 'binary',
    },
  ],
]

const ids = FIXTURE_NOTES.map((n) => n.id)
const truth = FIXTURE_NOTES.map((n) => n.theme)
const round3 = (x: number) => Math.round(x * 1000) / 1000

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

function time(notes: ThemeInput[], runs: number): number {
  const ms: number[] = []
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now()
    suggestThemes(notes)
    ms.push(performance.now() - t0)
  }
  return median(ms)
}

/** 1,000 distinct notes: each fixture note joined with a few words of another note of its theme. */
function thousandNotes(): ThemeInput[] {
  const byTheme = new Map<string, string[]>()
  for (const n of FIXTURE_NOTES) byTheme.set(n.theme, [...(byTheme.get(n.theme) ?? []), n.text])
  return Array.from({ length: 1000 }, (_, i) => {
    const base = FIXTURE_NOTES[i % FIXTURE_NOTES.length]
    const siblings = byTheme.get(base.theme)!
    const other = siblings[(i * 7) % siblings.length].split(' ')
    const extra = other.slice(i % other.length, (i % other.length) + 3).join(' ')
    return { id: `m${i}`, text: `${base.text} ${extra}`, question: base.question }
  })
}

const rows = VARIANTS.map(([name, options]) => {
  const s = suggestThemes(FIXTURE_NOTES, options)
  const a = agreement(assignments(s, ids), truth)
  return {
    variant: name,
    ari: round3(a.ari),
    precision: round3(a.precision),
    recall: round3(a.recall),
    f1: round3(a.f1),
    themes: s.themes.length,
    unsorted: s.unsorted.length,
  }
})
console.table(rows)

suggestThemes(FIXTURE_NOTES) // warm-up
const timing = {
  fixtureNotes: FIXTURE_NOTES.length,
  fixtureMs: round3(time(FIXTURE_NOTES, 9)),
  thousandNotesMs: round3(time(thousandNotes(), 5)),
}
console.log(timing)

const dir = join(import.meta.dirname, 'results')
mkdirSync(dir, { recursive: true })
const file = join(dir, `themes-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
writeFileSync(file, JSON.stringify({ rows, timing }, null, 2))
console.log(`written to ${file}`)
