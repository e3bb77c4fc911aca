/**
 * Turns a sticky note's text into stemmed terms, Danish first and English too.
 *
 * Notes are a handful of words, so every word counts: the text is NFKC-normalised (so "m²"
 * becomes "m2"), split on anything that is not a letter or digit (so "ESDH-systemet" gives
 * "esdh" and "systemet"), stop words of the note's language are dropped and the rest is
 * stemmed with the Snowball stemmer of that language. The language is guessed per note from
 * which stop-word list it hits more: participants switch language between notes, rarely
 * inside one.
 */
import { stemmer as danishStemmer } from '@orama/stemmers/danish'
import { stemmer as englishStemmer } from '@orama/stemmers/english'
import { stopwords as danishStopwords } from '@orama/stopwords/danish'
import { stopwords as englishStopwords } from '@orama/stopwords/english'

/** A language the tokenizer knows. */
export type NoteLanguage = 'da' | 'en'

/**
 * Function words and note-writing abbreviations that Snowball's Danish list leaves out but that
 * say nothing about a theme ("kan", "pr.", "ift.", "ml.").
 */
const EXTRA_DANISH_STOPWORDS = [
  'kan',
  'kun',
  'så',
  'får',
  'få',
  'pr',
  'ift',
  'ml',
  'fx',
  'evt',
  'ca',
  'mv',
  'bl',
  'osv',
  'kr',
  'mio',
  'helt',
  'samt',
  'ingen',
  'intet',
  'ved',
  'hver',
  'én',
  'to',
  'tre',
  'år',
  'gør',
  'går',
  // Verbs and adjectives every note leans on ("bruges", "mangler", "svært"): they would tie
  // notes of different themes together.
  'bruge',
  'bruges',
  'bruger',
  'brugt',
  'mangler',
  'manglende',
  'svært',
  'god',
  'gode',
  'godt',
  'dårlig',
  'dårlige',
  'altid',
  'aldrig',
  'endnu',
  'flere',
  'findes',
  'ligger',
  'stort',
  'stor',
  'store',
  'ny',
  'nye',
  'nyt',
  'egen',
  'egne',
  'eget',
]

const STOPWORDS: Record<NoteLanguage, Set<string>> = {
  da: new Set([...danishStopwords, ...EXTRA_DANISH_STOPWORDS]),
  en: new Set(englishStopwords),
}

const STEMMERS: Record<NoteLanguage, (word: string) => string> = {
  da: danishStemmer,
  en: englishStemmer,
}

/** One word of a note as written and as the engine compares it. */
export interface Token {
  /** The word as written, case kept (for labels: "ESDH", "Excel"). */
  surface: string
  /** Lower-cased, normalised form, before stemming. */
  word: string
  /** Snowball stem of `word`. */
  stem: string
}

const WORD = /[\p{L}\p{N}]+/gu

/** Splits text into lower-cased words after NFKC normalisation; keeps the written form too. */
export function splitWords(text: string): { surface: string; word: string }[] {
  const normalised = text.normalize('NFKC')
  const out: { surface: string; word: string }[] = []
  for (const match of normalised.matchAll(WORD)) {
    out.push({ surface: match[0], word: match[0].toLowerCase() })
  }
  return out
}

/** Guesses a note's language from its stop words; Danish unless English clearly wins. */
export function guessLanguage(words: readonly string[]): NoteLanguage {
  let da = 0
  let en = 0
  for (const w of words) {
    if (STOPWORDS.da.has(w)) da++
    if (STOPWORDS.en.has(w)) en++
  }
  return en > da ? 'en' : 'da'
}

/** Options that the ablation bench switches off one at a time. */
export interface TokenizeOptions {
  stem?: boolean
  stopwords?: boolean
}

/** A note's content words, stemmed in its language. */
export function tokenize(text: string, options: TokenizeOptions = {}): Token[] {
  const { stem = true, stopwords = true } = options
  const words = splitWords(text)
  const language = guessLanguage(words.map((w) => w.word))
  const stops = STOPWORDS[language]
  const stemWord = STEMMERS[language]
  const tokens: Token[] = []
  for (const { surface, word } of words) {
    // Single letters and bare numbers ("3", "2016") name no theme; "m2", "co2" and "4g" do.
    if (word.length < 2 || /^\d+$/.test(word)) continue
    if (stopwords && stops.has(word)) continue
    tokens.push({ surface, word, stem: stem ? stemWord(word) : word })
  }
  return tokens
}

/** The Danish Snowball stem of one word (exported for tests and the lexicon). */
export function stemDanish(word: string): string {
  return danishStemmer(word.toLowerCase())
}
