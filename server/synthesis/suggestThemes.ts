/**
 * Suggests themes across tables from the text of sticky notes, on the server, offline.
 *
 * tokenize (Danish/English stop words + Snowball stems) → terms (+ domain lexicon concepts)
 * and character 4-grams → TF-IDF/BM25 unit vectors → cosine similarities → average-linkage
 * clustering cut at a threshold → notes left alone join the theme they resemble most if that
 * is close enough → a label from each theme's most telling terms. No text leaves the process.
 */
import { averageLinkage } from './cluster'
import { buildFeatures, type FeatureOptions, similarityMatrix } from './features'
import { labelContext, labelFor } from './labels'
import { DEFAULT_LEXICON, Lexicon, type LexiconEntry } from './lexicon'

/** A note to group: an id the caller knows it by and its text. */
export interface ThemeInput {
  id: string
  text: string
  /** The question the note answers; notes of different questions are kept apart by `crossQuestion`. */
  question?: number | string
}

/** A suggested theme. */
export interface SuggestedTheme {
  label: string
  /** The label's words, most telling first. */
  terms: string[]
  noteIds: string[]
}

/** The suggestion: themes (largest first) and the notes that fit none. */
export interface ThemeSuggestion {
  themes: SuggestedTheme[]
  unsorted: string[]
}

/** Tuning and ablation switches; the defaults are what the fixture measured best. */
export interface SuggestOptions extends Partial<Omit<FeatureOptions, 'lexicon'>> {
  /** Use the built-in domain lexicon (default true). */
  useLexicon?: boolean
  /** The organizer's own lexicon entries, added to the built-in ones. */
  extraLexicon?: LexiconEntry[]
  /** Average similarity at which two groups merge (0–1). */
  threshold?: number
  /** A lone note joins its most similar theme when the average similarity reaches this; 0 = off. */
  attachThreshold?: number
  /**
   * Factor on the similarity of two notes written under different questions: 1 ignores the
   * question, 0 never puts them in one theme. Tables answer each question separately, so a
   * theme usually stays within one.
   */
  crossQuestion?: number
}

/** Defaults chosen with `bench/themes.ts` on the fixture; see docs/SYNTHESIS.md. */
export const DEFAULT_SUGGEST_OPTIONS = {
  stem: true,
  stopwords: true,
  compounds: true,
  weighting: 'tfidf',
  ngramWeight: 0.15,
  useLexicon: true,
  threshold: 0.08,
  attachThreshold: 0.05,
  crossQuestion: 0.25,
} as const satisfies SuggestOptions

/** Groups notes into candidate themes with labels. */
export function suggestThemes(notes: readonly ThemeInput[], options: SuggestOptions = {}): ThemeSuggestion {
  const o = { ...DEFAULT_SUGGEST_OPTIONS, ...options }
  const lexicon =
    o.useLexicon || o.extraLexicon?.length
      ? new Lexicon([...(o.useLexicon ? DEFAULT_LEXICON : []), ...(o.extraLexicon ?? [])])
      : null
  const features = buildFeatures(
    notes.map((n) => n.text),
    {
      stem: o.stem,
      stopwords: o.stopwords,
      compounds: o.compounds,
      weighting: o.weighting,
      ngramWeight: o.ngramWeight,
      lexicon,
    },
  )
  const n = notes.length
  const sim = similarityMatrix(features.map((f) => f.vector))
  if (o.crossQuestion !== 1) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (notes[i].question !== notes[j].question) sim[i * n + j] *= o.crossQuestion
      }
    }
  }
  const groups = averageLinkage(sim.slice(), n, o.threshold)
  const themes = groups.filter((g) => g.length > 1)
  const alone = groups.filter((g) => g.length === 1).map((g) => g[0])
  const unsorted: number[] = []
  if (o.attachThreshold > 0) {
    // Decide every lone note against the themes as clustered, so the order of notes does not matter.
    const joins = alone.map((i) => {
      let best = -1
      let bestSim = o.attachThreshold
      themes.forEach((g, t) => {
        let s = 0
        for (const j of g) s += sim[i * n + j]
        s /= g.length
        if (s >= bestSim) {
          bestSim = s
          best = t
        }
      })
      return best
    })
    alone.forEach((i, k) => {
      if (joins[k] >= 0) themes[joins[k]].push(i)
      else unsorted.push(i)
    })
  } else {
    unsorted.push(...alone)
  }
  const context = labelContext(features, lexicon)
  return {
    themes: themes
      .map((g) => g.sort((a, b) => a - b))
      .sort((a, b) => b.length - a.length || a[0] - b[0])
      .map((g) => ({ ...labelFor(g, context), noteIds: g.map((i) => notes[i].id) })),
    unsorted: unsorted.sort((a, b) => a - b).map((i) => notes[i].id),
  }
}

/** The suggestion as one cluster label per note (unsorted notes each alone), for scoring. */
export function assignments(suggestion: ThemeSuggestion, ids: readonly string[]): number[] {
  const of = new Map<string, number>()
  suggestion.themes.forEach((t, k) => {
    for (const id of t.noteIds) of.set(id, k)
  })
  let next = suggestion.themes.length
  return ids.map((id) => of.get(id) ?? next++)
}
