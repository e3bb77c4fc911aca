/**
 * CSV writing per RFC 4180: fields quoted when they hold the delimiter, a quote or a line
 * break, quotes doubled, CRLF between records. A UTF-8 byte order mark lets spreadsheet
 * programs read æøå correctly when the file is opened by double-click.
 */

/** A cell value; null and undefined become empty cells. */
export type CsvCell = string | number | boolean | null | undefined

/** Options of `toCsv`. */
export interface CsvOptions {
  /** Field delimiter; `;` suits spreadsheets set to a Danish locale. Default `,`. */
  delimiter?: ',' | ';' | '\t'
  /** Start with a UTF-8 byte order mark (default true). */
  bom?: boolean
  /**
   * Prefix text cells that a spreadsheet would run as a formula with an apostrophe: those
   * starting with `=`, `+`, `-`, `@`, a tab or a carriage return, also after leading spaces
   * (Excel skips them). Default true: notes are typed by anyone at a table, and the file is
   * opened by someone else. Numbers (not text) are left as they are.
   */
  guardFormulas?: boolean
}

/** The UTF-8 byte order mark. */
export const BOM = '\uFEFF'

// `-1+1` and `- x` are evaluated too, so every leading minus is guarded, not only `-A1`.
const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@])/

/** Escapes one field. */
export function csvField(value: CsvCell, options: CsvOptions = {}): string {
  if (value === null || value === undefined) return ''
  let text = String(value)
  if (typeof value === 'string' && (options.guardFormulas ?? true) && FORMULA_START.test(text))
    text = `'${text}`
  const delimiter = options.delimiter ?? ','
  if (text.includes(delimiter) || /["\r\n]/.test(text)) return `"${text.replace(/"/g, '""')}"`
  return text
}

/** Builds a CSV document from a header row and data rows. */
export function toCsv(
  header: readonly string[],
  rows: ReadonlyArray<readonly CsvCell[]>,
  options: CsvOptions = {},
): string {
  const delimiter = options.delimiter ?? ','
  const lines = [header, ...rows].map((row) => row.map((cell) => csvField(cell, options)).join(delimiter))
  return `${(options.bom ?? true) ? BOM : ''}${lines.join('\r\n')}\r\n`
}

/** Parses CSV written by `toCsv` (or any RFC 4180 file) into rows of strings; for tests and import checks. */
export function parseCsv(input: string, delimiter = ','): string[][] {
  const text = input.startsWith(BOM) ? input.slice(1) : input
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') {
        quoted = false
      } else {
        field += ch
      }
    } else if (ch === '"' && field === '') {
      quoted = true
    } else if (ch === delimiter) {
      row.push(field)
      field = ''
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else if (ch === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else {
      field += ch
    }
  }
  if (field !== '' || row.length) {
    row.push(field)
    rows.push(row)
  }
  return rows
}
