/**
 * The workshop archive: one ZIP with everything needed to read the workshop without Plenum
 * (CSV, Markdown, `.tldr` per poster) and to import it again (manifest, workshop JSON, the Yjs
 * state of every poster and snapshot, votes). The manifest carries a format version and a
 * SHA-256 per file, so an import can tell a damaged or foreign file from ours.
 */
import { createHash } from 'node:crypto'
import type { WorkshopAggregate } from '../domain/entities'
import type { SnapshotStore, SnapshotSummary } from '../domain/SnapshotStore'
import { fflateModule } from '../lazyModules'
import { synthesisArchiveFiles } from '../synthesis/synthesisArchive'
import { readConclusions, themeOfNotes } from '../synthesis/synthesisExport'
import {
  noteRows,
  notesCsv,
  notesMarkdown,
  type PosterReaderDeps,
  readWorkshopPosters,
} from './workshopNotes'

/** `format` of the manifest of a workshop archive. */
export const ARCHIVE_FORMAT = 'plenum-workshop'
/** Version of the archive layout; an import refuses archives newer than it understands. */
export const ARCHIVE_FORMAT_VERSION = 1

/** `manifest.json` of a workshop archive. */
export interface ArchiveManifest {
  format: typeof ARCHIVE_FORMAT
  formatVersion: number
  exportedAt: string
  workshopId: string
  /** SHA-256 (hex) of every other file in the archive, by path. */
  files: Record<string, string>
}

/** `workshop.json`: the workshop without its secrets. */
export interface ArchiveWorkshop {
  workshop: {
    id: string
    title: string
    date: string
    place: string
    language: 'da' | 'en'
    anonymousNotes: boolean
    createdAt: string
    currentRoundId: string | null
  }
  rounds: Array<{
    id: string
    index: number
    title: string
    questions: string[]
    template: string
    minutes: number
    copyFromRoundId: string | null
    phase: string
  }>
  tables: Array<{ id: string; number: number; name: string; colour: string }>
  posters: Array<{ id: string; roundId: string; tableId: string }>
  /** Dots per note: `votes[posterId][noteId]`. */
  votes: Record<string, Record<string, number>>
  snapshots: SnapshotSummary[]
}

/** Hex SHA-256 of bytes. */
export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

/** A file name made safe for any file system, keeping Danish letters. */
export function safeFileName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[\\/:*?"<>|]+/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/\p{Cc}+/gu, '')
    .trim()
  return cleaned.slice(0, 80) || 'plenum'
}

/** What the archive needs besides poster reading. */
export interface WorkshopZipDeps extends PosterReaderDeps {
  snapshots: SnapshotStore
}

/** Builds the workshop archive. */
export async function buildWorkshopZip(
  deps: WorkshopZipDeps,
  a: WorkshopAggregate,
  exportedAt = new Date(),
): Promise<Uint8Array> {
  const { strToU8, zipSync } = fflateModule()
  const posters = await readWorkshopPosters(deps, a)
  const rows = noteRows(posters)
  const files: Record<string, Uint8Array> = {}
  const votes: ArchiveWorkshop['votes'] = {}
  for (const p of posters) {
    files[`posters/${p.posterId}.yjs`] = p.content.state
    files[`posters/${p.posterId}.tldr`] = strToU8(JSON.stringify(p.content.document))
    const tally = Object.fromEntries(
      p.content.text.filter((n) => n.votes > 0).map((n) => [n.shapeId, n.votes]),
    )
    // Votes may sit on shapes without text (a dot on a drawing): read them from the source too.
    for (const [noteId, n] of await deps.votes(a.workshop.id, p.posterId)) tally[noteId] = n
    if (Object.keys(tally).length) votes[p.posterId] = tally
  }
  const snapshots = await deps.snapshots.list({ workshopId: a.workshop.id })
  for (const summary of snapshots) {
    const s = await deps.snapshots.get(summary.id)
    if (!s) continue
    files[`snapshots/${s.id}.yjs`] = s.state
    files[`snapshots/${s.id}.json`] = strToU8(JSON.stringify({ document: s.document, text: s.text }))
  }
  // Each round's synthesis poster and its theme votes (`votes["y-<roundId>"]`).
  const synthesis = await synthesisArchiveFiles(deps, a)
  Object.assign(files, synthesis.files)
  Object.assign(votes, synthesis.votes)
  const w = a.workshop
  const workshopJson: ArchiveWorkshop = {
    workshop: {
      id: w.id,
      title: w.title,
      date: w.date,
      place: w.place,
      language: w.language,
      anonymousNotes: w.anonymousNotes,
      createdAt: w.createdAt,
      currentRoundId: w.currentRoundId,
    },
    rounds: a.rounds.map((r) => ({
      id: r.id,
      index: r.index,
      title: r.title,
      questions: r.questions,
      template: r.template,
      minutes: r.minutes,
      copyFromRoundId: r.copyFromRoundId,
      phase: r.phase,
    })),
    tables: a.tables.map((t) => ({ id: t.id, number: t.number, name: t.name, colour: t.colour })),
    posters: a.posters.map((p) => ({ id: p.id, roundId: p.roundId, tableId: p.tableId })),
    votes,
    snapshots,
  }
  files['workshop.json'] = strToU8(JSON.stringify(workshopJson, null, 2))
  files['notes.csv'] = strToU8(notesCsv(a, rows, ',', themeOfNotes(await readConclusions(deps, a))))
  files['summary.md'] = strToU8(notesMarkdown(a, rows, exportedAt))
  const manifest: ArchiveManifest = {
    format: ARCHIVE_FORMAT,
    formatVersion: ARCHIVE_FORMAT_VERSION,
    exportedAt: exportedAt.toISOString(),
    workshopId: w.id,
    files: Object.fromEntries(Object.entries(files).map(([path, data]) => [path, sha256(data)])),
  }
  const entries: Record<string, Uint8Array> = {
    'manifest.json': strToU8(JSON.stringify(manifest, null, 2)),
    ...files,
  }
  return zipSync(entries, { level: 6, mtime: exportedAt })
}
