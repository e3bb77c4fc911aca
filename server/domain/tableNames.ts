/**
 * Default names and colours of tables.
 */
import type { Language, TableColour } from '../../shared/api'

/** Colours given to tables in order, distinct enough to tell tables apart on the wall. */
export const TABLE_COLOURS: readonly TableColour[] = [
  'blue',
  'green',
  'orange',
  'violet',
  'red',
  'light-blue',
  'yellow',
  'light-green',
  'light-violet',
  'light-red',
]

/** "Bord 3" / "Table 3". */
export function defaultTableName(number: number, language: Language): string {
  return `${language === 'da' ? 'Bord' : 'Table'} ${number}`
}

/** Whether a name is a default one (so a language or order change may rename it). */
export function isDefaultTableName(name: string): boolean {
  return /^(Bord|Table) \d+$/.test(name)
}
