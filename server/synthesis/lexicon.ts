/**
 * The domain lexicon: words that mean the same thing at a municipal property workshop although
 * they share no letters ("regneark" and "Excel"; "SBSYS", "Acadre" and "WorkZone" are all ESDH
 * systems). Notes are too short for statistics to learn this, so the room's vocabulary is
 * written down here, and the organizer can add lines of their own ("BI = Power BI, Qlik").
 */
import { stemDanish } from './tokenize'

/** A concept and the words that name it. */
export interface LexiconEntry {
  /** How the concept is shown in a theme label. */
  label: string
  /** Words (any case, any inflection) that name the concept. */
  terms: string[]
}

/** What a municipal property manager treats as synonyms (Danish municipal IT landscape). */
export const DEFAULT_LEXICON: LexiconEntry[] = [
  { label: 'ESDH', terms: ['ESDH', 'SBSYS', 'Acadre', 'WorkZone', 'eDoc', 'Captia', 'F2', 'journalisering'] },
  { label: 'Regneark', terms: ['regneark', 'Excel', 'xls', 'xlsx', 'spreadsheet'] },
  { label: 'FM-system', terms: ['FM', 'FMS', 'CAFM', 'Dalux', 'Facilit', 'ejendomssystem'] },
  { label: 'Økonomisystem', terms: ['økonomisystem', 'Opus', 'Prisme', 'SAP', 'Navision'] },
  { label: 'GIS', terms: ['GIS', 'MapInfo', 'QGIS', 'ArcGIS', 'kortløsning'] },
  { label: 'BBR', terms: ['BBR', 'OIS'] },
  { label: 'm²', terms: ['m2', 'kvm', 'kvadratmeter', 'areal'] },
  { label: 'GDPR', terms: ['GDPR', 'persondata', 'databeskyttelse', 'persondataforordning'] },
  { label: 'Politikerne', terms: ['politiker', 'politisk', 'byråd', 'kommunalbestyrelse', 'udvalg'] },
  { label: 'Ressourcer', terms: ['ressourcer', 'hænder', 'årsværk', 'bemanding', 'medarbejdere'] },
  { label: 'Leverandør', terms: ['leverandør', 'vendor', 'KMD', 'licens'] },
  { label: 'Nøgletal', terms: ['nøgletal', 'KPI', 'benchmark', 'dashboard'] },
]

/**
 * Reads organizer lines of the form `Label = term, term` (or `Label: term, term`); blank lines
 * and lines starting with `#` are skipped. Throws on a line without a label or without terms,
 * naming the line, so the organizer sees what to fix.
 */
export function parseLexicon(text: string): LexiconEntry[] {
  const entries: LexiconEntry[] = []
  const lines = text.split(/\r?\n/)
  lines.forEach((raw, i) => {
    const line = raw.trim()
    if (!line || line.startsWith('#')) return
    const m = /^([^=:]+)[=:](.*)$/.exec(line)
    const label = m?.[1].trim()
    const terms = (m?.[2] ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean)
    if (!label || terms.length === 0) {
      throw new Error(`Lexicon line ${i + 1} must read "label = word, word": ${line}`)
    }
    entries.push({ label, terms: [label, ...terms] })
  })
  return entries
}

/** Concept lookup built once per suggestion from the default and the organizer's entries. */
export class Lexicon {
  /** normalised word or stem → concept key */
  private readonly exact = new Map<string, string>()
  /** terms long enough to be recognised inside a compound ("excelark", "esdhsystemet") */
  private readonly parts: { term: string; key: string }[] = []
  private readonly labels = new Map<string, string>()

  constructor(entries: readonly LexiconEntry[]) {
    for (const entry of entries) {
      const key = `§${entry.label.toLowerCase()}`
      this.labels.set(key, entry.label)
      for (const term of entry.terms) {
        for (const word of term.normalize('NFKC').toLowerCase().split(/\s+/)) {
          this.exact.set(word, key)
          this.exact.set(stemDanish(word), key)
          if (word.length >= 4) this.parts.push({ term: stemDanish(word), key })
        }
      }
    }
  }

  /** The concept a word names outright, if any ("sbsys" → ESDH). */
  conceptOf(word: string, stem: string): string | undefined {
    return this.exact.get(word) ?? this.exact.get(stem)
  }

  /** Concepts named inside a compound word ("excelarket" → Regneark). */
  conceptsInside(stem: string): string[] {
    const found: string[] = []
    for (const { term, key } of this.parts) {
      if (stem !== term && (stem.startsWith(term) || stem.endsWith(term)) && !found.includes(key)) {
        found.push(key)
      }
    }
    return found
  }

  /** The label to show for a concept key. */
  labelOf(key: string): string | undefined {
    return this.labels.get(key)
  }
}
