/**
 * Structured JSON logs, one object per line on stdout. Secrets never reach the log: fields
 * named like a token or key are redacted and URLs lose their query string.
 */
import type { Config } from './config'
import type { Logger } from './sync/types'

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const

/** A logger that can derive children carrying extra fields. */
export interface AppLogger extends Logger {
  /** A logger adding `fields` to every line. */
  child(fields: Record<string, unknown>): AppLogger
}

const SECRET_FIELD = /token|key|secret|authorization|password|cookie/i

/** Makes a value safe to log: secrets redacted, query strings dropped, errors flattened. */
export function sanitize(value: unknown, name = '', depth = 0): unknown {
  if (name && SECRET_FIELD.test(name)) return '[redacted]'
  if (value instanceof Error) return { name: value.name, message: value.message }
  if (typeof value === 'string') {
    // URLs and paths keep their path only: tokens travel in query strings.
    return /^(\/|https?:\/\/|wss?:\/\/)/.test(value) ? value.replace(/[?#].*$/, '') : value
  }
  if (value && typeof value === 'object' && depth < 4) {
    if (Array.isArray(value)) return value.map((v) => sanitize(v, '', depth + 1))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sanitize(v, k, depth + 1)]))
  }
  return value
}

/** Creates a JSON logger writing lines at or above `level` to `write` (stdout by default). */
export function createLogger(
  level: Config['logLevel'],
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  base: Record<string, unknown> = {},
): AppLogger {
  const threshold = LEVELS[level]
  const at =
    (name: 'debug' | 'info' | 'warn' | 'error') =>
    (msg: string, fields?: Record<string, unknown>): void => {
      if (LEVELS[name] < threshold) return
      const line = { time: new Date().toISOString(), level: name, msg, ...base, ...(fields ?? {}) }
      write(JSON.stringify(sanitize(line)))
    }
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (fields) => createLogger(level, write, { ...base, ...fields }),
  }
}
