import { describe, expect, it } from 'vitest'
import { BOM, csvField, parseCsv, toCsv } from './csv'

describe('toCsv', () => {
  it('starts with a BOM, separates records with CRLF and ends with one', () => {
    const csv = toCsv(['a', 'b'], [['1', 2]])
    expect(csv).toBe(`${BOM}a,b\r\n1,2\r\n`)
  })

  it('quotes commas, quotes and line breaks and keeps æøå', () => {
    const cells = ['Ærø, Fanø', 'han sagde "nej"', 'linje 1\nlinje 2', 'crlf\r\nher', 'blåbærgrød', null, 3]
    const csv = toCsv(['x'], [cells])
    const line = csv.slice(BOM.length).split('\r\n')[1]
    expect(line.startsWith('"Ærø, Fanø","han sagde ""nej""","linje 1\nlinje 2"')).toBe(true)
    expect(parseCsv(csv)[1]).toEqual([
      'Ærø, Fanø',
      'han sagde "nej"',
      'linje 1\nlinje 2',
      'crlf\r\nher',
      'blåbærgrød',
      '',
      '3',
    ])
  })

  it('quotes the chosen delimiter', () => {
    expect(csvField('a;b', { delimiter: ';' })).toBe('"a;b"')
    expect(csvField('a,b', { delimiter: ';' })).toBe('a,b')
    expect(parseCsv(toCsv(['h'], [['a;b', 'c']], { delimiter: ';' }), ';')[1]).toEqual(['a;b', 'c'])
  })

  it('neutralises every cell a spreadsheet would evaluate, also after leading spaces', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvField('+45 1234')).toBe("'+45 1234")
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvField('-A1+1')).toBe("'-A1+1")
    expect(csvField("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0")
    expect(csvField('-1+1')).toBe("'-1+1")
    expect(csvField('- punkt')).toBe("'- punkt")
    expect(csvField('   =1+1')).toBe("'   =1+1")
    expect(csvField(' @x')).toBe("' @x")
    expect(csvField('\t=1')).toBe("'\t=1")
    expect(csvField('\rx')).toBe(`"'\rx"`)
    expect(csvField('punkt - 1')).toBe('punkt - 1')
    expect(csvField(-5)).toBe('-5')
    expect(csvField('=x', { guardFormulas: false })).toBe('=x')
  })

  it('guards formulas in both delimiters', () => {
    for (const delimiter of [',', ';'] as const) {
      const csv = toCsv(['tekst'], [['=1+1;2,3'], ['-1+1']], { delimiter })
      expect(parseCsv(csv, delimiter).slice(1)).toEqual([["'=1+1;2,3"], ["'-1+1"]])
    }
  })
})
