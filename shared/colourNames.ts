/**
 * Colour names as people read them in exports, in the export's language. tldraw stores a
 * style name per shape; a sticky note in the style "black" is drawn as the classic pale-yellow
 * sticky (tldraw's default note), so calling it black would mislead whoever reads the file.
 * The other names follow tldraw's own labels in its style panel.
 */
import type { Language } from './api'

const NAMES: Record<Language, Record<string, string>> = {
  da: {
    black: 'Sort',
    grey: 'Grå',
    'light-violet': 'Lyselilla',
    violet: 'Lilla',
    blue: 'Blå',
    'light-blue': 'Lyseblå',
    yellow: 'Gul',
    orange: 'Orange',
    green: 'Grøn',
    'light-green': 'Lysegrøn',
    'light-red': 'Lyserød',
    red: 'Rød',
    white: 'Hvid',
  },
  en: {
    black: 'Black',
    grey: 'Grey',
    'light-violet': 'Light violet',
    violet: 'Violet',
    blue: 'Blue',
    'light-blue': 'Light blue',
    yellow: 'Yellow',
    orange: 'Orange',
    green: 'Green',
    'light-green': 'Light green',
    'light-red': 'Light red',
    red: 'Red',
    white: 'White',
  },
}

/** What a sticky note in tldraw's "black" style looks like. */
const DEFAULT_NOTE: Record<Language, string> = { da: 'Lysegul', en: 'Light yellow' }

/**
 * The name of a shape's colour in `language`: a note's default style is named for the pale
 * yellow it shows; an unknown colour is returned as stored; no colour is an empty string.
 */
export function colourName(colour: string | null, kind: string, language: Language): string {
  if (!colour) return ''
  if (kind === 'note' && colour === 'black') return DEFAULT_NOTE[language]
  return NAMES[language][colour] ?? colour
}
