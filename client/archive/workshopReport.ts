/**
 * Builds the workshop report in the browser: loads every poster's `.tldr` and the notes from
 * the API, turns each poster into the scene the wall draws (`buildPosterScene`) and has
 * `buildReportPdf` draw it into the PDF as vector shapes and text, reporting progress as it
 * goes. No tldraw editor is created: thirty posters of 300 notes take seconds, not minutes.
 */
import type { WorkshopView } from '../../shared/api'
import type { JsonRecord } from '../../shared/docLayout'
import { buildPosterScene } from '../render/posterScene'
import { loadNotes, loadPosterFile, tldrPath } from './archiveApi'
import regularUrl from './fonts/DejaVuSans.ttf?url'
import boldUrl from './fonts/DejaVuSans-Bold.ttf?url'
import type { TldrawFileJson } from './renderPoster'
import { buildReportPdf, type ReportPoster } from './reportPdf'

/** Poster files fetched ahead of the one being drawn. */
const PREFETCH = 3

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
  const tableName = new Map(workshop.tables.map((t) => [t.id, t.name]))
  const tableNumber = new Map(workshop.tables.map((t) => [t.id, t.number]))
  const roundIndex = new Map(workshop.rounds.map((r) => [r.id, r.index]))
  const sorted = [...workshop.posters].sort(
    (a, b) =>
      (roundIndex.get(a.roundId) ?? 0) - (roundIndex.get(b.roundId) ?? 0) ||
      (tableNumber.get(a.tableId) ?? 0) - (tableNumber.get(b.tableId) ?? 0),
  )
  // Each poster's file is fetched while the ones before it are drawn, a few at a time.
  const files = new Map<number, Promise<TldrawFileJson>>()
  const file = (i: number) => {
    let f = files.get(i)
    if (!f) {
      f = loadPosterFile(tldrPath(workshop.id, { posterId: sorted[i].id }), key)
      // A failed prefetch is reported when its poster is drawn, not as an unhandled rejection.
      f.catch(() => {})
      files.set(i, f)
    }
    return f
  }
  const posters: ReportPoster[] = sorted.map((p, i) => ({
    roundId: p.roundId,
    tableName: tableName.get(p.tableId) ?? '',
    scene: async () => {
      for (let k = i + 1; k < Math.min(sorted.length, i + 1 + PREFETCH); k++) file(k)
      const records = (await file(i)).records as unknown as JsonRecord[]
      files.delete(i)
      return buildPosterScene(records)
    },
  }))
  for (let k = 0; k < Math.min(sorted.length, PREFETCH); k++) file(k)
  const [{ notes, conclusions }, regular, bold] = await Promise.all([
    loadNotes(workshop.id, key),
    fontBytes(regularUrl),
    fontBytes(boldUrl),
  ])
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
