/**
 * The organizer's "ZIP of everything": the server's workshop archive plus what only the
 * browser can draw (report PDF, poster images). The server's data files and their checksums
 * stay untouched, so the result imports like the plain archive; the added files are listed
 * in the manifest under `rendered` (with SHA-256) and are ignored by the import.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'

/** Thrown when the server's archive cannot be extended. */
export class FullZipError extends Error {
  override name = 'FullZipError'
}

/** Path of a poster image in the full ZIP: 1-based round number, then table number. */
export function posterImagePath(roundIndex: number, tableNumber: number, extension: 'png' | 'svg'): string {
  return `posters/${roundIndex + 1}-${tableNumber}.${extension}`
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** Adds rendered files to a server-built workshop ZIP; returns the new ZIP. */
export async function addRenderedFiles(
  serverZip: Uint8Array,
  extras: Record<string, Uint8Array>,
): Promise<Uint8Array> {
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(serverZip)
  } catch {
    throw new FullZipError('the server sent a damaged workshop archive')
  }
  const manifestBytes = files['manifest.json']
  if (!manifestBytes) throw new FullZipError('the server archive has no manifest.json')
  const manifest = JSON.parse(strFromU8(manifestBytes)) as {
    files?: Record<string, string>
    rendered?: Record<string, string>
  }
  const rendered: Record<string, string> = { ...(manifest.rendered ?? {}) }
  for (const [path, bytes] of Object.entries(extras)) {
    // A rendered file must never shadow a data file the import checks.
    if (files[path] || manifest.files?.[path] || path === 'manifest.json') {
      throw new FullZipError(`${path} is already in the archive`)
    }
    files[path] = bytes
    rendered[path] = await sha256Hex(bytes)
  }
  files['manifest.json'] = strToU8(JSON.stringify({ ...manifest, rendered }, null, 2))
  // Images and PDFs are compressed already; storing them saves time for no loss of size.
  const zipInput: Record<string, [Uint8Array, { level: 0 | 6 }]> = {}
  for (const [path, bytes] of Object.entries(files)) {
    zipInput[path] = [bytes, { level: path in rendered ? 0 : 6 }]
  }
  return zipSync(zipInput)
}
