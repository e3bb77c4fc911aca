/**
 * Import of a series archive (`seriesArchive.ts`): every workshop of the series is imported as
 * the workshop import does it (new ids, codes and keys; the same checks and bounds), then the
 * links between them are restored with the new ids. The links are checked before anything is
 * written — every workshop they name is in the archive, exactly one starts the series, none
 * follows itself round a cycle — and a failure later on removes every workshop already
 * imported, so a failed import leaves nothing behind.
 *
 * The inner archives share the bounds of the upload: their unpacked bytes are counted against
 * one total, and the number of workshops is bounded.
 */
import { z } from 'zod'
import type { CreateWorkshopResponse } from '../../shared/api'
import type { ImportedArchive } from '../../shared/seriesApi'
import { type ArchiveEntry, ArchiveLimitError, readArchive } from '../export/readArchive'
import {
  type ImportDeps,
  ImportError,
  type ImportedIds,
  importWorkshopArchive,
  importWorkshopZip,
  MAX_IMPORT_FILES,
} from '../export/workshopImport'
import { fflateModule } from '../lazyModules'
import type { SeriesStore } from './SeriesStore'
import { SERIES_ARCHIVE_FORMAT, SERIES_ARCHIVE_FORMAT_VERSION } from './seriesArchive'

/** Most workshops a series archive may hold: far above a real programme's two or three. */
export const MAX_SERIES_WORKSHOPS = 12
const MAX_JSON_BYTES = 4 * 1024 * 1024

const idSchema = z.string().regex(/^[A-Za-z0-9]{1,64}$/)
const manifestSchema = z.object({
  format: z.string(),
  formatVersion: z.number().int().min(1),
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
})
const seriesSchema = z.object({
  workshops: z
    .array(
      z.object({
        id: idSchema,
        previousWorkshopId: idSchema.nullable(),
        file: z.string().regex(/^workshops\/[A-Za-z0-9-]{1,80}\.zip$/),
      }),
    )
    .min(1)
    .max(MAX_SERIES_WORKSHOPS),
  homework: z
    .array(
      z.object({
        workshopId: idSchema,
        roundId: idSchema,
        opensAt: z.iso.datetime({ offset: true }),
        closesAt: z.iso.datetime({ offset: true }),
        closedAt: z.iso.datetime({ offset: true }).nullable(),
      }),
    )
    .max(20 * MAX_SERIES_WORKSHOPS),
  posterSources: z
    .array(
      z.object({
        workshopId: idSchema,
        posterId: idSchema,
        sourcePosterIds: z.array(idSchema).min(1).max(40),
      }),
    )
    .max(20 * 40 * MAX_SERIES_WORKSHOPS),
})
type SeriesJson = z.infer<typeof seriesSchema>

/** What a series import writes to, besides what a workshop import writes to. */
export interface SeriesImportDeps extends ImportDeps {
  series: SeriesStore
}

function boundOf(path: string, maxTotalBytes: number): number | null {
  if (path === 'manifest.json' || path === 'series.json') return MAX_JSON_BYTES
  if (/^workshops\/[^/]+\.zip$/.test(path)) return maxTotalBytes
  return null
}

async function read(
  bytes: Uint8Array,
  bound: (path: string) => number | null,
  maxTotalBytes: number,
): Promise<Map<string, ArchiveEntry>> {
  try {
    return (await readArchive(bytes, bound, { maxTotalBytes, maxEntries: MAX_IMPORT_FILES })).entries
  } catch (err) {
    if (err instanceof ArchiveLimitError) throw new ImportError(err.message)
    throw err
  }
}

function parse(entry: ArchiveEntry | undefined): unknown {
  if (!entry) return null
  try {
    return JSON.parse(fflateModule().strFromU8(entry.data))
  } catch {
    return null
  }
}

/**
 * Imports a workshop archive or a series archive, whichever `bytes` is (`POST /api/import`).
 * Anything that is not a series archive goes to the workshop import, which names its faults.
 */
export async function importArchive(
  deps: SeriesImportDeps,
  bytes: Uint8Array,
  baseUrl: string,
): Promise<ImportedArchive> {
  const total = deps.limits.maxTotalBytes
  const head = await read(bytes, (p) => (p === 'manifest.json' ? MAX_JSON_BYTES : null), total)
  const manifest = manifestSchema.safeParse(parse(head.get('manifest.json')))
  if (!manifest.success || manifest.data.format !== SERIES_ARCHIVE_FORMAT)
    return importWorkshopZip(deps, bytes, baseUrl)
  return importSeriesZip(deps, bytes, baseUrl)
}

/** The workshops of `series.json` with parents before children; throws on a broken chain. */
export function seriesOrder(workshops: SeriesJson['workshops']): SeriesJson['workshops'] {
  const byId = new Map(workshops.map((w) => [w.id, w]))
  if (byId.size !== workshops.length) throw new ImportError('series.json names a workshop twice')
  const roots = workshops.filter((w) => w.previousWorkshopId === null)
  if (roots.length !== 1)
    throw new ImportError(`series.json must have exactly one first workshop; it has ${roots.length}`)
  for (const w of workshops) {
    if (w.previousWorkshopId !== null && !byId.has(w.previousWorkshopId))
      throw new ImportError(
        `series.json: workshop ${w.id} follows ${w.previousWorkshopId}, which is not in the archive`,
      )
  }
  const depth = new Map<string, number>()
  for (const w of workshops) {
    let at: SeriesJson['workshops'][number] | undefined = w
    let steps = 0
    while (at && at.previousWorkshopId !== null) {
      if (++steps > workshops.length)
        throw new ImportError(`series.json: workshop ${w.id} is part of a cycle of follow-ups`)
      at = byId.get(at.previousWorkshopId)
    }
    depth.set(w.id, steps)
  }
  return [...workshops].sort((a, b) => (depth.get(a.id) ?? 0) - (depth.get(b.id) ?? 0))
}

/** Imports a series archive; returns the first workshop's links and those of every workshop. */
export async function importSeriesZip(
  deps: SeriesImportDeps,
  bytes: Uint8Array,
  baseUrl: string,
): Promise<ImportedArchive> {
  const total = deps.limits.maxTotalBytes
  const files = await read(bytes, (p) => boundOf(p, total), total)
  const manifestParsed = manifestSchema.safeParse(parse(files.get('manifest.json')))
  if (!manifestParsed.success || manifestParsed.data.format !== SERIES_ARCHIVE_FORMAT)
    throw new ImportError('manifest.json is not a Plenum series manifest')
  const manifest = manifestParsed.data
  if (manifest.formatVersion > SERIES_ARCHIVE_FORMAT_VERSION) {
    throw new ImportError(
      `the series archive has format version ${manifest.formatVersion}; this server reads up to ${SERIES_ARCHIVE_FORMAT_VERSION}`,
    )
  }
  for (const [path, hash] of Object.entries(manifest.files)) {
    if (boundOf(path, total) === null) continue
    const entry = files.get(path)
    if (!entry) throw new ImportError(`the archive is missing ${path}`)
    if (entry.sha256 !== hash) throw new ImportError(`${path} is damaged (checksum mismatch)`)
  }
  if (!manifest.files['series.json']) throw new ImportError('the manifest does not list series.json')
  const parsed = seriesSchema.safeParse(parse(files.get('series.json')))
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    throw new ImportError(
      `series.json: ${first?.path.join('.') || '(root)'}: ${first?.message ?? 'not valid'}`,
    )
  }
  const src = parsed.data
  const order = seriesOrder(src.workshops)
  const inArchive = new Set(src.workshops.map((w) => w.id))
  for (const w of src.workshops)
    if (!manifest.files[w.file]) throw new ImportError(`the archive has no ${w.file} for workshop ${w.id}`)
  for (const h of src.homework)
    if (!inArchive.has(h.workshopId))
      throw new ImportError(`series.json: homework of workshop ${h.workshopId}, which is not in the archive`)
  for (const s of src.posterSources)
    if (!inArchive.has(s.workshopId))
      throw new ImportError(
        `series.json: poster sources of workshop ${s.workshopId}, which is not in the archive`,
      )

  const imported = new Map<string, { created: CreateWorkshopResponse; ids: ImportedIds }>()
  let left = total
  try {
    for (const w of order) {
      const inner = files.get(w.file)?.data as Uint8Array
      if (left <= 0) throw new ImportError(`the archive unpacks to more than ${total} bytes`)
      const one = await importWorkshopArchive(
        { ...deps, limits: { ...deps.limits, maxTotalBytes: left } },
        inner,
        baseUrl,
      )
      imported.set(w.id, one)
      left -= one.bytesRead
    }
    const newId = (oldId: string) => imported.get(oldId)?.created.workshopId as string
    const seriesId = newId(order[0].id)
    for (const w of order) {
      await deps.series.setLink({
        workshopId: newId(w.id),
        previousWorkshopId: w.previousWorkshopId ? newId(w.previousWorkshopId) : null,
        seriesId,
      })
    }
    // Posters of the series by old id, for sources that may lie in any earlier workshop.
    const posterIds = new Map<string, string>()
    for (const { ids } of imported.values()) for (const [o, n] of ids.posters) posterIds.set(o, n)
    for (const s of src.posterSources) {
      const posterId = imported.get(s.workshopId)?.ids.posters.get(s.posterId)
      const sources = s.sourcePosterIds.map((id) => posterIds.get(id))
      if (!posterId || sources.some((id) => id === undefined))
        throw new ImportError(`series.json: poster ${s.posterId} or one of its sources is not in the archive`)
      await deps.series.setPosterSources(newId(s.workshopId), posterId, sources as string[])
    }
    for (const h of src.homework) {
      const roundId = imported.get(h.workshopId)?.ids.rounds.get(h.roundId)
      if (!roundId) throw new ImportError(`series.json: homework round ${h.roundId} is not in its workshop`)
      await deps.series.insertHomework({ ...h, workshopId: newId(h.workshopId), roundId })
    }
  } catch (err) {
    // Latest first, as a series is deleted.
    for (const { created } of [...imported.values()].reverse()) await deps.rollback(created.workshopId)
    throw err
  }
  const all = order.map((w) => imported.get(w.id)?.created as CreateWorkshopResponse)
  return { ...all[0], series: all }
}
