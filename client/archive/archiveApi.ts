/**
 * The archive's calls to the API, and turning posters into files in the browser: PNG, SVG
 * and PDF are rendered here from the `.tldr` the server sends (see docs/EXPORT.md).
 */
import type { ConclusionTheme } from '../../shared/synthesisApi'
import { ApiError, apiFetch } from '../app/api'
import { renderPoster, type TldrawFileJson } from './renderPoster'

/** A snapshot as listed by the API. */
export interface SnapshotSummary {
  id: string
  posterId: string
  roundId: string
  tableId: string
  reason: 'manual' | 'lock' | 'present' | 'import'
  createdAt: string
  noteCount: number
  stateBytes: number
}

/** A note row of `notes.json`. */
export interface NoteRow {
  roundId: string
  tableId: string
  tableName: string
  posterId: string
  question: string | null
  questionIndex: number | null
  text: string
  votes: number
}

/** A poster file format the archive offers. */
export type PosterFormat = 'png' | 'svg' | 'pdf' | 'tldr'

const enc = encodeURIComponent

/** Fetches an API path with the key and returns the raw response, or throws `ApiError`. */
export async function fetchWithKey(path: string, key: string): Promise<Response> {
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
  return res
}

/** Path of a poster's (or a snapshot's) `.tldr`. */
export function tldrPath(workshopId: string, source: { posterId: string } | { snapshotId: string }): string {
  return 'snapshotId' in source
    ? `/workshops/${enc(workshopId)}/snapshots/${enc(source.snapshotId)}/poster.tldr`
    : `/workshops/${enc(workshopId)}/posters/${enc(source.posterId)}/poster.tldr`
}

/** Loads a poster or snapshot as a tldraw file. */
export async function loadPosterFile(path: string, key: string): Promise<TldrawFileJson> {
  return (await (await fetchWithKey(path, key)).json()) as TldrawFileJson
}

/** Snapshots of a workshop. */
export async function listSnapshots(workshopId: string, key: string): Promise<SnapshotSummary[]> {
  return (
    await apiFetch<{ snapshots: SnapshotSummary[] }>(`/workshops/${enc(workshopId)}/snapshots`, {
      token: key,
    })
  ).snapshots
}

/** Every note of a workshop. */
export async function loadNotes(
  workshopId: string,
  key: string,
): Promise<{ notes: NoteRow[]; conclusions: ConclusionTheme[] }> {
  const res = await apiFetch<{ notes: NoteRow[]; conclusions?: ConclusionTheme[] }>(
    `/workshops/${enc(workshopId)}/export/notes.json`,
    { token: key },
  )
  return { notes: res.notes, conclusions: res.conclusions ?? [] }
}

/** Hands a blob to the browser as a download. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.append(a)
  a.click()
  a.remove()
  // Revoked later: some browsers start reading the blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/** A file name from parts, keeping Danish letters. */
export function fileName(parts: string[], extension: string): string {
  const base = parts
    .filter(Boolean)
    .join(' - ')
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, '-')
    .trim()
    .slice(0, 120)
  return `${base || 'plakat'}.${extension}`
}

/** A one-page PDF with the poster image fitted to an A4 landscape page. */
export async function posterPdf(
  png: Blob,
  width: number,
  height: number,
  title: string,
): Promise<Uint8Array> {
  const { PDFDocument } = await import('pdf-lib')
  const pdf = await PDFDocument.create()
  pdf.setTitle(title)
  const page = pdf.addPage([841.89, 595.28])
  const image = await pdf.embedPng(new Uint8Array(await png.arrayBuffer()))
  const margin = 24
  const scale = Math.min((page.getWidth() - margin * 2) / width, (page.getHeight() - margin * 2) / height)
  const w = width * scale
  const h = height * scale
  page.drawImage(image, { x: (page.getWidth() - w) / 2, y: (page.getHeight() - h) / 2, width: w, height: h })
  return pdf.save()
}

/** Downloads one poster (live or a snapshot) in a format. */
export async function downloadPoster(
  path: string,
  key: string,
  format: PosterFormat,
  name: string[],
): Promise<void> {
  const file = await loadPosterFile(path, key)
  if (format === 'tldr') {
    saveBlob(
      new Blob([JSON.stringify(file)], { type: 'application/vnd.tldraw+json' }),
      fileName(name, 'tldr'),
    )
    return
  }
  const rendered = await renderPoster(file, {
    pixelRatio: 2,
    svgOnly: format === 'svg',
    rasterOnly: format !== 'svg',
  })
  if (format === 'svg') saveBlob(new Blob([rendered.svg], { type: 'image/svg+xml' }), fileName(name, 'svg'))
  if (format === 'png') saveBlob(rendered.png, fileName(name, 'png'))
  if (format === 'pdf') {
    const bytes = await posterPdf(rendered.png, rendered.width, rendered.height, name.join(' - '))
    saveBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), fileName(name, 'pdf'))
  }
}
