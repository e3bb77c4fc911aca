/**
 * A tiny fetch wrapper for the JSON API, used by every workshop page. It imports no schema
 * library so the phone pages stay small; response types come from `shared/api.ts` as types.
 */
import type { ErrorBody } from '../../shared/api'
import { takePrefetched } from './prefetch'

/** A non-2xx API answer, with the server's message and the HTTP status. */
export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    /** HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    message: string,
    /** Dotted path of the offending field, for 400 answers. */
    readonly field?: string,
  ) {
    super(message)
  }
}

/** Options of `apiFetch`. */
export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  body?: unknown
  /** Organizer/facilitator/screen key or participant token, sent as a bearer token. */
  token?: string | null
  signal?: AbortSignal
}

/** Calls `/api<path>` and returns the parsed JSON body, or throws `ApiError`. */
export async function apiFetch<T>(path: string, options: ApiOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  if (options.token) headers.authorization = `Bearer ${options.token}`
  let res: Response
  try {
    const method = options.method ?? 'GET'
    const early = method === 'GET' ? takePrefetched(`/api${path}`, options.token ?? null) : null
    res = await (early ??
      fetch(`/api${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      }))
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err
    throw new ApiError(0, (err as Error).message)
  }
  const text = await res.text()
  let json: unknown = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    // A non-JSON body (a proxy error page) is reported by status below.
  }
  if (!res.ok) {
    const body = (json ?? {}) as Partial<ErrorBody>
    throw new ApiError(res.status, body.error ?? `${res.status} ${res.statusText}`, body.field)
  }
  return json as T
}
