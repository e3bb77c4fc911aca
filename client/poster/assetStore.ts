/**
 * Images and other files dropped on a poster are uploaded to the server (`POST /api/assets`,
 * body = the file, answer `{ url }`) so the document holds a short URL, never a data URL.
 */
import type { TLAssetStore } from 'tldraw'

/** Thrown when the server does not accept an upload. */
export class AssetUploadError extends Error {
  override name = 'AssetUploadError'
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/** Where and how to upload: the poster's document name and the token of this visit. */
export interface AssetStoreOptions {
  docName: string
  token?: string | null
  /** API base, default same origin. */
  baseUrl?: string
}

/** A tldraw asset store backed by the Plenum server. */
export function createPosterAssetStore(options: AssetStoreOptions): TLAssetStore {
  return {
    async upload(_asset, file, abortSignal) {
      const headers: Record<string, string> = {
        'Content-Type': file.type || 'application/octet-stream',
        'X-Plenum-Doc': options.docName,
      }
      if (options.token) headers.Authorization = `Bearer ${options.token}`
      const query = new URLSearchParams({ doc: options.docName, name: file.name })
      const response = await fetch(`${options.baseUrl ?? ''}/api/assets?${query}`, {
        method: 'POST',
        body: file,
        headers,
        signal: abortSignal,
      })
      if (!response.ok) {
        const text = await response.text().catch(() => '')
        throw new AssetUploadError(
          response.status,
          `upload failed (${response.status}): ${text.slice(0, 200)}`,
        )
      }
      const body = (await response.json()) as { url?: unknown }
      if (typeof body.url !== 'string' || !body.url)
        throw new AssetUploadError(response.status, 'upload answer had no url')
      return { src: body.url }
    },
    resolve(asset) {
      return asset.props.src ?? null
    },
  }
}
