/**
 * Secrets (organizer, facilitator and screen keys) travel in the URL fragment `#k=…` so they
 * never reach server logs; pages read them here.
 */

/** Reads one `name=value` parameter from a fragment such as `#k=abc&x=1`. */
export function parseFragmentParam(hash: string, name: string): string | null {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash)
  const value = params.get(name)
  return value ? value : null
}

/** Reads one parameter from the current page's fragment. */
export function readFragmentParam(name: string): string | null {
  return parseFragmentParam(location.hash, name)
}
