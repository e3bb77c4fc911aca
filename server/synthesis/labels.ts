/**
 * A theme's label: its most telling terms, shown as people wrote them.
 *
 * A term tells more the more of the theme's notes use it and the fewer notes outside it do
 * (share inside × inverse document frequency in the whole set). A stem is shown in the form
 * most often written ("datakvaliteten" and "datakvalitet" → the commoner one), acronyms keep
 * their capitals, lexicon concepts show their label ("ESDH").
 */
import type { NoteFeatures } from './features'
import type { Lexicon } from './lexicon'

/** How many terms a label is made of. */
const LABEL_TERMS = 3

/** Each term's most common written form across all notes. */
export function surfaceForms(features: readonly NoteFeatures[]): Map<string, string> {
  const seen = new Map<string, Map<string, number>>()
  for (const f of features) {
    for (const t of f.tokens) {
      let forms = seen.get(t.stem)
      if (!forms) {
        forms = new Map()
        seen.set(t.stem, forms)
      }
      // Keep an acronym's capitals ("ESDH", "BBR"); otherwise show the word lower-cased.
      const shown = t.surface.length > 1 && t.surface === t.surface.toUpperCase() ? t.surface : t.word
      forms.set(shown, (forms.get(shown) ?? 0) + 1)
    }
  }
  const best = new Map<string, string>()
  for (const [stem, forms] of seen) {
    const [form] = [...forms].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0]
    best.set(stem, form)
  }
  return best
}

/** What labelling needs from the whole set of notes, computed once. */
export interface LabelContext {
  features: readonly NoteFeatures[]
  df: Map<string, number>
  surfaces: Map<string, string>
  lexicon: Lexicon | null
}

/** Builds the label context for a set of notes. */
export function labelContext(features: readonly NoteFeatures[], lexicon: Lexicon | null): LabelContext {
  const df = new Map<string, number>()
  for (const f of features) for (const t of f.terms) df.set(t, (df.get(t) ?? 0) + 1)
  return { features, df, surfaces: surfaceForms(features), lexicon }
}

/** The label of one group of notes (indexes into the context's notes). */
export function labelFor(
  group: readonly number[],
  context: LabelContext,
): { label: string; terms: string[] } {
  const { features, df, surfaces, lexicon } = context
  const n = features.length
  const inside = new Map<string, number>()
  for (const i of group) for (const t of features[i].terms) inside.set(t, (inside.get(t) ?? 0) + 1)
  // Words shared by several notes make the label; a lone note's words only when nothing is shared.
  const shared = [...inside].filter(([, c]) => c >= 2)
  const ranked = (shared.length > 0 ? shared : [...inside])
    .map(([term, c]) => ({ term, score: (c / group.length) * Math.log(1 + n / (df.get(term) ?? 1)) }))
    .sort((a, b) => b.score - a.score || a.term.localeCompare(b.term))
  const shown: string[] = []
  for (const { term } of ranked) {
    const text = lexicon?.labelOf(term) ?? surfaces.get(term) ?? term
    if (!shown.some((s) => s.toLowerCase() === text.toLowerCase())) shown.push(text)
    if (shown.length === LABEL_TERMS) break
  }
  const words = shown.map((w, i) => (i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w))
  return { label: words.join(' · '), terms: shown }
}
