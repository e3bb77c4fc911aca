/**
 * Builds the organizer's full workshop ZIP in the browser: the server's archive (data, `.tldr`,
 * CSV, Markdown, Yjs states, manifest) plus the report PDF and one PNG per poster, which only
 * the browser can draw. Posters are rendered one at a time; progress covers the report's
 * steps, then one step per poster image, then the packing.
 */
import type { WorkshopView } from '../../shared/api'
import { fetchWithKey, loadPosterFile, tldrPath } from './archiveApi'
import { addRenderedFiles, posterImagePath } from './fullWorkshopZip'
import { renderPoster } from './renderPoster'
import { buildWorkshopReport } from './workshopReport'

/** Builds the full workshop ZIP; `onProgress` gets steps done and total. */
export async function buildFullWorkshopZip(
  workshop: WorkshopView,
  key: string,
  onProgress: (done: number, total: number) => void,
): Promise<Uint8Array> {
  const posterCount = workshop.posters.length
  const res = await fetchWithKey(`/workshops/${encodeURIComponent(workshop.id)}/export/workshop.zip`, key)
  const serverZip = new Uint8Array(await res.arrayBuffer())
  let reportTotal = posterCount + 2
  const report = await buildWorkshopReport(workshop, key, (done, total) => {
    reportTotal = total
    onProgress(done, total + posterCount + 1)
  })
  const total = reportTotal + posterCount + 1
  const extras: Record<string, Uint8Array> = { 'report.pdf': report }
  const roundIndex = new Map(workshop.rounds.map((r) => [r.id, r.index]))
  const tableNumber = new Map(workshop.tables.map((t) => [t.id, t.number]))
  let done = reportTotal
  for (const poster of workshop.posters) {
    const file = await loadPosterFile(tldrPath(workshop.id, { posterId: poster.id }), key)
    const path = posterImagePath(
      roundIndex.get(poster.roundId) ?? 0,
      tableNumber.get(poster.tableId) ?? 0,
      'png',
    )
    try {
      const rendered = await renderPoster(file, { pixelRatio: 1, maxSide: 4000, rasterOnly: true })
      extras[path] = new Uint8Array(await rendered.png.arrayBuffer())
    } catch (err) {
      // An empty poster has no image; the ZIP still holds its `.tldr` and data.
      if ((err as Error).name !== 'RenderError') throw err
    }
    onProgress(++done, total)
  }
  const zip = await addRenderedFiles(serverZip, extras)
  onProgress(total, total)
  return zip
}
