/**
 * Downloads an API file that needs the bearer key: a plain link cannot carry the header, so
 * the file is fetched and handed to the browser as a blob.
 */
import { ApiError } from '../app/api'

/** Fetches `/api<path>` with the key and saves it as `filename`. */
export async function downloadWithKey(path: string, key: string, filename: string): Promise<void> {
  const res = await fetch(`/api${path}`, { headers: { authorization: `Bearer ${key}` } })
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`
    try {
      message = ((await res.json()) as { error?: string }).error ?? message
    } catch {
      // Keep the status line.
    }
    throw new ApiError(res.status, message)
  }
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.append(a)
  a.click()
  a.remove()
  // Revoked later: some browsers start reading the blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
