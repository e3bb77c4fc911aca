/**
 * The report of a whole series: each workshop's report PDF (`client/archive/workshopReport.ts`,
 * unchanged) in the order of the story — workshop 1 with its homework round, then workshop 2 —
 * joined into one PDF. Only the scope is decided here; the pages are the workshop report's.
 * Each workshop is read with its own organizer key, which this device keeps for the workshops
 * it created, followed up or imported.
 */
import type { WorkshopView } from '../../shared/api'
import { apiFetch } from '../app/api'
import { loadLinks } from '../start/storedLinks'

/** A workshop of the series and the organizer key this device holds for it, if any. */
export interface SeriesMember {
  workshopId: string
  key: string | null
}

/** The organizer key this device keeps for `workshopId`, or null. */
export function storedOrganizerKey(workshopId: string): string | null {
  const url = loadLinks(workshopId).organizerUrl
  if (!url) return null
  return new URLSearchParams(new URL(url, location.origin).hash.slice(1)).get('k')
}

/** Builds one PDF of the reports of `members`, in order; every member needs its key. */
export async function buildSeriesReport(
  members: SeriesMember[],
  onProgress: (done: number, total: number) => void,
): Promise<Uint8Array> {
  const workshops: Array<{ workshop: WorkshopView; key: string }> = []
  for (const m of members) {
    if (!m.key) throw new Error(`no organizer link for workshop ${m.workshopId} on this device`)
    const workshop = await apiFetch<WorkshopView>(`/workshops/${encodeURIComponent(m.workshopId)}`, {
      token: m.key,
    })
    workshops.push({ workshop, key: m.key })
  }
  // The report, pdf-lib and the font engine load only when a report is asked for.
  const [{ buildWorkshopReport }, { PDFDocument }] = await Promise.all([
    import('../archive/workshopReport'),
    import('pdf-lib'),
  ])
  const steps = workshops.map(({ workshop }) => workshop.posters.length + 2)
  const total = steps.reduce((a, b) => a + b, 0)
  const out = await PDFDocument.create()
  out.setTitle(workshops.map(({ workshop }) => workshop.title).join(' → '))
  let offset = 0
  for (const [i, { workshop, key }] of workshops.entries()) {
    const bytes = await buildWorkshopReport(workshop, key, (done) =>
      onProgress(offset + Math.min(done, steps[i]), total),
    )
    const part = await PDFDocument.load(bytes)
    for (const page of await out.copyPages(part, part.getPageIndices())) out.addPage(page)
    offset += steps[i]
    onProgress(offset, total)
  }
  return out.save()
}
