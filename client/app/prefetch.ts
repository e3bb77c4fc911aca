/**
 * Requests a page needs first, started as soon as its route matches, while the page's code is
 * still loading: the page then takes the answer instead of asking again (the wall's view and
 * poster records, which otherwise waited for the wall's chunk and for each other). GETs only;
 * each answer is taken once, and one nobody took for a while is not used.
 */

/** An answer older than this is asked for again rather than used. */
const KEEP_MS = 30_000

const started = new Map<string, { response: Promise<Response>; at: number }>()

const keyOf = (url: string, token: string | null) => `${token ?? ''} ${url}`

/** Starts `GET url` with the bearer token, unless it is already under way. */
export function prefetch(url: string, token: string | null): void {
  const key = keyOf(url, token)
  if (started.has(key)) return
  const headers: Record<string, string> = { accept: 'application/json' }
  if (token) headers.authorization = `Bearer ${token}`
  const response = fetch(url, { headers })
  // Whoever takes it sees a failure; until then it is nobody's error.
  response.catch(() => {})
  started.set(key, { response, at: Date.now() })
}

/** The prefetched answer to `GET url` with `token`, once; null when there is none to use. */
export function takePrefetched(url: string, token: string | null): Promise<Response> | null {
  const key = keyOf(url, token)
  const entry = started.get(key)
  if (!entry) return null
  started.delete(key)
  return Date.now() - entry.at < KEEP_MS ? entry.response : null
}
