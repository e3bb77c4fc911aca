/**
 * Weighted feature vectors for notes, and the cosine similarity between every pair.
 *
 * A note's vector has two parts, each scaled to unit length before they are joined: its terms
 * (stems, or lexicon concepts in their place) weighted by TF-IDF or BM25, and the character
 * 4-grams of its longer stems, so that a Danish compound ("datakvaliteten") meets its parts
 * written apart ("kvaliteten af data"). The n-gram part gets a smaller share (`ngramWeight`).
 */
import { compoundVocabulary, splitCompound } from './compounds'
import type { Lexicon } from './lexicon'
import { type Token, tokenize } from './tokenize'

/** How term counts become weights. */
export type Weighting = 'binary' | 'tfidf' | 'bm25'

/** Which ingredients are used; every one can be switched off to measure what it adds. */
export interface FeatureOptions {
  stem: boolean
  stopwords: boolean
  lexicon: Lexicon | null
  /** Add the parts of Danish compounds found in the notes' vocabulary as terms. */
  compounds: boolean
  weighting: Weighting
  /** Share of the character n-gram part in a vector; 0 leaves n-grams out. */
  ngramWeight: number
}

/** A note's sparse unit vector: feature ids ascending, with their weights. */
export interface SparseVector {
  ids: Int32Array
  weights: Float64Array
}

/** What a note turned into: its terms (for labels) and its vector. */
export interface NoteFeatures {
  tokens: Token[]
  terms: string[]
  vector: SparseVector
}

const GRAM = 4
/** Stems shorter than this are whole words already; their n-grams would only add noise. */
const MIN_GRAM_STEM = 6

function termsOf(tokens: Token[], lexicon: Lexicon | null, vocabulary: Set<string> | null): string[] {
  const terms: string[] = []
  for (const t of tokens) {
    const concept = lexicon?.conceptOf(t.word, t.stem)
    terms.push(concept ?? t.stem)
    if (concept) continue
    const parts = vocabulary ? splitCompound(t.word, vocabulary) : []
    for (const part of parts) terms.push(lexicon?.conceptOf(part, part) ?? part)
    if (lexicon) terms.push(...lexicon.conceptsInside(t.stem))
  }
  return terms
}

function gramsOf(tokens: Token[]): string[] {
  const grams: string[] = []
  for (const { stem } of tokens) {
    if (stem.length < MIN_GRAM_STEM) continue
    for (let i = 0; i + GRAM <= stem.length; i++) grams.push(`#${stem.slice(i, i + GRAM)}`)
  }
  return grams
}

function counts(items: string[]): Map<string, number> {
  const m = new Map<string, number>()
  for (const it of items) m.set(it, (m.get(it) ?? 0) + 1)
  return m
}

/** Weights one bag of features against the corpus's document frequencies; unit length. */
function weigh(
  bag: Map<string, number>,
  df: Map<string, number>,
  n: number,
  avgLength: number,
  weighting: Weighting,
): Map<string, number> {
  const length = [...bag.values()].reduce((a, b) => a + b, 0)
  const out = new Map<string, number>()
  let norm = 0
  for (const [feature, tf] of bag) {
    const d = df.get(feature) ?? 1
    let w: number
    if (weighting === 'binary') w = 1
    else if (weighting === 'tfidf') w = (1 + Math.log(tf)) * Math.log(1 + n / d)
    else {
      const k1 = 1.2
      const b = 0.75
      const idf = Math.log(1 + (n - d + 0.5) / (d + 0.5))
      w = (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * length) / (avgLength || 1)))
    }
    out.set(feature, w)
    norm += w * w
  }
  norm = Math.sqrt(norm)
  if (norm > 0) for (const [f, w] of out) out.set(f, w / norm)
  return out
}

function documentFrequencies(bags: Map<string, number>[]): Map<string, number> {
  const df = new Map<string, number>()
  for (const bag of bags) for (const f of bag.keys()) df.set(f, (df.get(f) ?? 0) + 1)
  return df
}

/** Builds every note's vector; the corpus is the notes themselves. */
export function buildFeatures(texts: readonly string[], options: FeatureOptions): NoteFeatures[] {
  const tokens = texts.map((t) => tokenize(t, options))
  const vocabulary = options.compounds ? compoundVocabulary(tokens.flat()) : null
  const termBags = tokens.map((t) => counts(termsOf(t, options.lexicon, vocabulary)))
  const gramBags = tokens.map((t) => counts(options.ngramWeight > 0 ? gramsOf(t) : []))
  const n = texts.length
  const termDf = documentFrequencies(termBags)
  const gramDf = documentFrequencies(gramBags)
  const avg = (bags: Map<string, number>[]) =>
    bags.reduce((s, b) => s + [...b.values()].reduce((a, c) => a + c, 0), 0) / (n || 1)
  const termAvg = avg(termBags)
  const gramAvg = avg(gramBags)

  const ids = new Map<string, number>()
  const idOf = (f: string) => {
    let id = ids.get(f)
    if (id === undefined) {
      id = ids.size
      ids.set(f, id)
    }
    return id
  }

  return tokens.map((tok, i) => {
    const termPart = weigh(termBags[i], termDf, n, termAvg, options.weighting)
    const gramPart = weigh(gramBags[i], gramDf, n, gramAvg, options.weighting)
    const entries: [number, number][] = []
    for (const [f, w] of termPart) entries.push([idOf(f), w])
    for (const [f, w] of gramPart) entries.push([idOf(f), w * options.ngramWeight])
    let norm = 0
    for (const [, w] of entries) norm += w * w
    norm = Math.sqrt(norm) || 1
    entries.sort((a, b) => a[0] - b[0])
    return {
      tokens: tok,
      terms: [...termBags[i].keys()],
      vector: {
        ids: Int32Array.from(entries, (e) => e[0]),
        weights: Float64Array.from(entries, (e) => e[1] / norm),
      },
    }
  })
}

/**
 * Cosine similarity of every pair as a dense n×n matrix (vectors are unit length, so a dot
 * product). Accumulated through an inverted index: only pairs that share a feature cost work.
 */
export function similarityMatrix(vectors: readonly SparseVector[]): Float64Array {
  const n = vectors.length
  const sim = new Float64Array(n * n)
  const postings = new Map<number, { doc: number; w: number }[]>()
  vectors.forEach((v, doc) => {
    for (let k = 0; k < v.ids.length; k++) {
      let list = postings.get(v.ids[k])
      if (!list) {
        list = []
        postings.set(v.ids[k], list)
      }
      list.push({ doc, w: v.weights[k] })
    }
  })
  for (const list of postings.values()) {
    for (let a = 0; a < list.length; a++) {
      const pa = list[a]
      for (let b = a + 1; b < list.length; b++) {
        const pb = list[b]
        const w = pa.w * pb.w
        sim[pa.doc * n + pb.doc] += w
        sim[pb.doc * n + pa.doc] += w
      }
    }
  }
  for (let i = 0; i < n; i++) sim[i * n + i] = 1
  return sim
}
