/**
 * Splits Danish compounds against the notes' own vocabulary: "datakvaliteten" → data +
 * kvalitet, "vedligeholdelsesefterslæb" → vedligehold + efterslæb. Danish writes compounds as
 * one word, so without this "datakvaliteten" and "kvaliteten af data" share nothing. Only
 * splits into parts that other notes use on their own, so it cannot invent words; the
 * linking letters "s" and "e" ("vedligeholdelse-s-plan") are allowed between the parts.
 */
import { stemDanish } from './tokenize'

/** Shortest part worth recognising ("data", "leje"); shorter ones match by accident. */
const MIN_PART = 4

/** The vocabulary a split may use: every word and stem seen, of at least MIN_PART letters. */
export function compoundVocabulary(tokens: Iterable<{ word: string; stem: string }>): Set<string> {
  const vocabulary = new Set<string>()
  for (const t of tokens) {
    if (t.word.length >= MIN_PART) vocabulary.add(t.word)
    if (t.stem.length >= MIN_PART) vocabulary.add(t.stem)
  }
  return vocabulary
}

const known = (part: string, vocabulary: Set<string>) =>
  part.length >= MIN_PART && (vocabulary.has(part) || vocabulary.has(stemDanish(part)))

/** The stems of the two parts of `word`, longest first part first; empty if it does not split. */
export function splitCompound(word: string, vocabulary: Set<string>): string[] {
  if (word.length < 2 * MIN_PART) return []
  for (let i = word.length - MIN_PART; i >= MIN_PART; i--) {
    const head = word.slice(0, i)
    if (!known(head, vocabulary)) continue
    const rest = word.slice(i)
    for (const tail of [rest, rest.slice(1)]) {
      if (tail !== rest && !/^[se]/.test(rest)) continue
      if (known(tail, vocabulary)) return [stemDanish(head), stemDanish(tail)]
    }
  }
  return []
}
