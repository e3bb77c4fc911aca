/**
 * Keeps document names in one home: no file outside shared/docNames.ts builds a name by hand
 * (`p-${id}`, `'q-' + …`) or takes one apart by position (`docName.slice(2)`,
 * `startsWith('w-')`). Such copies drift from the parser and its id rules.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..')
const FOLDERS = ['client', 'server', 'shared', 'e2e', 'bench', 'scripts']
const HOME = new Set(['shared/docNames.ts', 'shared/docNames.test.ts', 'shared/docNamesGuard.test.ts'])

/** Patterns of hand-built or hand-split document names. */
const HAND_BUILT: [string, RegExp][] = [
  ['template literal with a kind prefix', /`[a-z]-\$\{/],
  ['kind prefix as a string', /(['"])[pwqs]-\1/],
  ['prefix test on a name', /startsWith\((['"`])[pwqs]-/],
  ['name split by position', /(doc|Doc|poster|Poster)\w*\)?\??\.slice\(2\)/],
]

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory())
      return ['node_modules', 'results', 'artifacts'].includes(entry.name) ? [] : sources(path)
    return /\.(ts|tsx|mjs)$/.test(entry.name) ? [path] : []
  })
}

describe('document names', () => {
  it('are built and parsed only by shared/docNames.ts', () => {
    const found: string[] = []
    for (const file of FOLDERS.flatMap((f) => sources(join(ROOT, f)))) {
      const name = relative(ROOT, file)
      if (HOME.has(name)) continue
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const [what, pattern] of HAND_BUILT)
            if (pattern.test(line)) found.push(`${name}:${i + 1} ${what}`)
        })
    }
    expect(found).toEqual([])
  })
})
