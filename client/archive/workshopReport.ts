/**
 * Builds the workshop report in the browser: loads every poster's `.tldr` and the notes from
 * the API, renders the posters one by one with the offscreen editor (JPEG, at most 2400 px a
 * side, keeps a 30-poster report small and quick), and assembles the PDF with
 * `buildReportPdf`, reporting progress as it goes.
 */
import type { WorkshopView } from '../../shared/api'
import { loadNotes, loadPosterFile, tldrPath } from './archiveApi'
import regularUrl from './fonts/DejaVuSans.ttf?url'
import boldUrl from './fonts/DejaVuSans-Bold.ttf?url'
import { renderPoster } from './renderPoster'
import { buildReportPdf, type ReportPoster } from './reportPdf'

async function fontBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url)
  if (!res.ok) throw new Error(`the report font could not be loaded (${res.status})`)
  return new Uint8Array(await res.arrayBuffer())
}

/** Builds the report PDF of a workshop; `onProgress` gets steps done and total. */
export async function buildWorkshopReport(
  workshop: WorkshopView,
  key: string,
  onProgress: (done: number, total: number) => void,
): Promise<Uint8Array> {
  const [{ notes, conclusions }, regular, bold] = await Promise.all([
    loadNotes(workshop.id, key),
    fontBytes(regularUrl),
    fontBytes(boldUrl),
  ])
  const tableName = new Map(workshop.tables.map((t) => [t.id, t.name]))
  const tableNumber = new Map(workshop.tables.map((t) => [t.id, t.number]))
  const roundIndex = new Map(workshop.rounds.map((r) => [r.id, r.index]))
  const posters: ReportPoster[] = [...workshop.posters]
    .sort(
      (a, b) =>
        (roundIndex.get(a.roundId) ?? 0) - (roundIndex.get(b.roundId) ?? 0) ||
        (tableNumber.get(a.tableId) ?? 0) - (tableNumber.get(b.tableId) ?? 0),
    )
    .map((p) => ({
      roundId: p.roundId,
      tableName: tableName.get(p.tableId) ?? '',
      image: async () => {
        const file = await loadPosterFile(tldrPath(workshop.id, { posterId: p.id }), key)
        const rendered = await renderPoster(file, {
          pixelRatio: 1,
          maxSide: 2400,
          raster: 'jpeg',
          rasterOnly: true,
        })
        return {
          bytes: new Uint8Array(await rendered.png.arrayBuffer()),
          kind: 'jpeg' as const,
          width: rendered.width,
          height: rendered.height,
        }
      },
    }))
  return buildReportPdf({
    title: workshop.title,
    date: workshop.date,
    place: workshop.place,
    language: workshop.language,
    rounds: workshop.rounds,
    posters,
    notes,
    conclusions,
    fonts: { regular, bold },
    onProgress,
  })
}
