/**
 * Exports of a workshop series: one ZIP holding the archive of every workshop of the series
 * (each the same ZIP `workshopZip.ts` writes for a workshop on its own) and `series.json`, the
 * links between them — which workshop follows which, the homework periods and which earlier
 * posters each follow-up poster started from — so an import restores the series as one story.
 * And the CSV of every note of the series, workshop 1 → homework → workshop 2.
 */
import { toCsv } from '../../shared/csv'
import { exportLabels } from '../../shared/noteGroups'
import type { WorkshopAggregate } from '../domain/entities'
import { noteRows, notesCsvRows, readWorkshopPosters } from '../export/workshopNotes'
import { buildWorkshopZip, sha256, type WorkshopZipDeps } from '../export/workshopZip'
import { fflateModule } from '../lazyModules'
import { readConclusions, themeOfNotes } from '../synthesis/synthesisExport'
import type { Homework, SeriesLink, SeriesStore } from './SeriesStore'

/** `format` of the manifest of a series archive. */
export const SERIES_ARCHIVE_FORMAT = 'plenum-series'
/** Version of the series archive layout; an import refuses newer ones. */
export const SERIES_ARCHIVE_FORMAT_VERSION = 1

/** `series.json` of a series archive. */
export interface ArchiveSeries {
  /** Earliest first; `file` is the workshop's own archive inside this one. */
  workshops: Array<{ id: string; previousWorkshopId: string | null; file: string }>
  homework: Array<Omit<Homework, 'workshopId'> & { workshopId: string }>
  /** The earlier posters a follow-up poster started from (the group mapping). */
  posterSources: Array<{ workshopId: string; posterId: string; sourcePosterIds: string[] }>
}

/** What the series exports read. */
export interface SeriesArchiveDeps extends WorkshopZipDeps {
  series: SeriesStore
  aggregate: (workshopId: string) => Promise<WorkshopAggregate | null>
}

async function aggregates(deps: SeriesArchiveDeps, links: SeriesLink[]): Promise<WorkshopAggregate[]> {
  const out: WorkshopAggregate[] = []
  for (const link of links) {
    const a = await deps.aggregate(link.workshopId)
    if (a) out.push(a)
  }
  return out
}

/** Builds the series archive of `links` (a workshop and its follow-ups, earliest first). */
export async function buildSeriesZip(
  deps: SeriesArchiveDeps,
  links: SeriesLink[],
  exportedAt = new Date(),
): Promise<Uint8Array> {
  const { strToU8, zipSync } = fflateModule()
  const files: Record<string, Uint8Array> = {}
  const series: ArchiveSeries = { workshops: [], homework: [], posterSources: [] }
  const included = new Set(links.map((l) => l.workshopId))
  for (const [i, a] of (await aggregates(deps, links)).entries()) {
    const id = a.workshop.id
    const link = links.find((l) => l.workshopId === id)
    const file = `workshops/${String(i + 1).padStart(2, '0')}-${id}.zip`
    files[file] = await buildWorkshopZip(deps, a, exportedAt)
    // The first workshop exported starts the imported series, even when it followed another.
    const previous = link?.previousWorkshopId ?? null
    series.workshops.push({
      id,
      previousWorkshopId: previous && included.has(previous) ? previous : null,
      file,
    })
    for (const h of await deps.series.listHomework(id)) series.homework.push(h)
    for (const p of a.posters) {
      const sources = await deps.series.posterSources(p.id)
      if (sources.length > 0)
        series.posterSources.push({ workshopId: id, posterId: p.id, sourcePosterIds: sources })
    }
  }
  files['series.json'] = strToU8(JSON.stringify(series, null, 2))
  files['notes.csv'] = strToU8(await seriesNotesCsv(deps, links))
  const manifest = {
    format: SERIES_ARCHIVE_FORMAT,
    formatVersion: SERIES_ARCHIVE_FORMAT_VERSION,
    exportedAt: exportedAt.toISOString(),
    seriesId: links[0]?.workshopId,
    files: Object.fromEntries(Object.entries(files).map(([path, data]) => [path, sha256(data)])),
  }
  const entries: Record<string, Uint8Array> = {
    'manifest.json': strToU8(JSON.stringify(manifest, null, 2)),
    ...files,
  }
  // The workshop archives inside are compressed already: stored as they are.
  return zipSync(
    Object.fromEntries(
      Object.entries(entries).map(([path, data]) => [
        path,
        [data, { level: path.endsWith('.zip') ? 0 : 6 }] as const,
      ]),
    ),
    { mtime: exportedAt },
  )
}

/**
 * Every note of a series in one CSV, in the order of the story: each workshop's rounds in
 * turn (its homework is the round after its last one), then the workshop that follows.
 * The header is in the first workshop's language; each row names its workshop.
 */
export async function seriesNotesCsv(
  deps: SeriesArchiveDeps,
  links: SeriesLink[],
  delimiter: ',' | ';' = ',',
): Promise<string> {
  const all = await aggregates(deps, links)
  const rows = []
  for (const a of all) {
    const notes = noteRows(await readWorkshopPosters(deps, a))
    rows.push(...notesCsvRows(a, notes, themeOfNotes(await readConclusions(deps, a))))
  }
  const language = all[0]?.workshop.language ?? 'da'
  return toCsv(exportLabels[language].csvHeader, rows, { delimiter })
}
