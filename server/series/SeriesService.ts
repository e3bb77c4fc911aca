/**
 * A workshop series: homework between two workshops, and a follow-up workshop that starts
 * where the one before it ended.
 *
 * Homework is one more round of the earlier workshop: it starts from each group's last
 * poster (the copy rule of `posterSeed.ts`), adds the homework questions as frames, and stays
 * open to the group's members — same join links, same participant tokens — until `closesAt`.
 * The deadline is enforced by the server's clock on every message (`LiveRoundState.phase`
 * reads a round past its deadline as locked) and made durable by `closeDue`, which locks the
 * round (so every poster is snapshotted) and marks the homework closed.
 *
 * A follow-up workshop is created by the earlier workshop's organizer. Its tables default to
 * the earlier groups (names, colours); each of its first posters starts from the last posters
 * of the groups mapped to it (`groups`), merged side by side (`mergePosters.ts`).
 */

import * as Y from 'yjs'
import type { z } from 'zod'
import type { CreateWorkshopResponse, roundInputSchema } from '../../shared/api'
import { getMetaMap, type JsonValue, readRecords, SCHEMA_KEY, seedDocument } from '../../shared/docLayout'
import { posterDocName, synthesisDocName } from '../../shared/docNames'
import { extractNotes } from '../../shared/extract'
import type {
  FollowUpRequest,
  followUpRequestSchema,
  HomeworkChanges,
  HomeworkStatus,
  HomeworkView,
  OpenHomeworkRequest,
  openHomeworkRequestSchema,
  SeriesView,
} from '../../shared/seriesApi'
import { MAX_HOMEWORK_DAYS } from '../../shared/seriesApi'
import { NotFoundError, ValidationError } from '../domain/DomainError'
import type { Round, WorkshopAggregate } from '../domain/entities'
import type { WorkshopService } from '../domain/WorkshopService'
import { RoundError } from '../rounds/RoundError'
import type { RoundService } from '../rounds/RoundService'
import type { DocumentStore } from '../storage/DocumentStore'
import type { Logger } from '../sync/types'
import type { Homework, SeriesLink, SeriesStore } from './SeriesStore'

type OpenInput = z.output<typeof openHomeworkRequestSchema>
type FollowUpInput = z.output<typeof followUpRequestSchema>

/** What the series service needs. */
export interface SeriesServiceDeps {
  workshops: WorkshopService
  rounds: RoundService
  series: SeriesStore
  documents: DocumentStore
  logger: Logger
  /** Server clock, for tests. */
  now?: () => number
}

const DAY_MS = 86_400_000
/** How often every instance looks for homework that is due (another instance may have opened it). */
const SWEEP_MS = 60_000

/** Homework, follow-ups and the series view. */
export class SeriesService {
  private sweepTimer: NodeJS.Timeout | null = null
  private readonly exact = new Map<string, NodeJS.Timeout>()
  private stopped = false

  constructor(private readonly deps: SeriesServiceDeps) {}

  private now(): number {
    return this.deps.now?.() ?? Date.now()
  }

  private async aggregate(workshopId: string): Promise<WorkshopAggregate> {
    const a = await this.deps.workshops.refresh(workshopId)
    if (!a) throw new NotFoundError('no such workshop')
    return a
  }

  // -------------------------------------------------------------------------------------------
  // Homework

  /** Opens homework on every group's poster until `closesAt`; returns it. */
  async openHomework(workshopId: string, input: OpenInput): Promise<HomeworkView> {
    const now = this.now()
    const closesAt = Date.parse(input.closesAt)
    if (!(closesAt > now)) throw new ValidationError('closesAt', 'closesAt must be in the future')
    if (closesAt - now > MAX_HOMEWORK_DAYS * DAY_MS)
      throw new ValidationError('closesAt', `homework can stay open for at most ${MAX_HOMEWORK_DAYS} days`)
    const before = await this.aggregate(workshopId)
    const open = (await this.deps.series.listHomework(workshopId)).find((h) => h.closedAt === null)
    if (open && Date.parse(open.closesAt) > now) throw new RoundError(409, 'homework is already open')
    const current = before.rounds.find((r) => r.id === before.workshop.currentRoundId)
    if (
      current &&
      current.phase !== 'draft' &&
      current.phase !== 'locked' &&
      current.phase !== 'presented' &&
      current.phase !== 'closed'
    ) {
      throw new RoundError(409, `round "${current.title}" is still open (${current.phase}); lock it first`)
    }
    const last = before.rounds[before.rounds.length - 1]
    const title = input.title ?? (before.workshop.language === 'da' ? 'Hjemmearbejde' : 'Homework')
    await this.deps.workshops.update(workshopId, {
      rounds: [
        ...before.rounds.map((r) => roundInput(r, before.rounds)),
        { title, questions: input.questions, template: 'questions', minutes: 1, copyFromRound: last.index },
      ],
    })
    const after = await this.aggregate(workshopId)
    const round = after.rounds[after.rounds.length - 1]
    const homework: Homework = {
      workshopId,
      roundId: round.id,
      opensAt: new Date(now).toISOString(),
      closesAt: new Date(closesAt).toISOString(),
      closedAt: null,
    }
    await this.deps.series.insertHomework(homework)
    this.deps.workshops.live.setDeadline(round.id, closesAt)
    await this.deps.rounds.act(workshopId, round.id, 'start')
    // The deadline is the homework's clock: no round timer counting down for days.
    await this.deps.rounds.timer(workshopId, { op: 'stop' })
    this.schedule(homework)
    return view(homework, round, now)
  }

  /** The homework of a workshop (the latest) and what each group did, or null homework. */
  async homeworkStatus(workshopId: string): Promise<HomeworkStatus> {
    const a = await this.aggregate(workshopId)
    const all = await this.deps.series.listHomework(workshopId)
    const homework = all[all.length - 1]
    const round = homework ? a.rounds.find((r) => r.id === homework.roundId) : undefined
    if (!homework || !round) return { homework: null, tables: [] }
    const tables: HomeworkChanges[] = []
    for (const table of a.tables) {
      const poster = a.posters.find((p) => p.roundId === round.id && p.tableId === table.id)
      if (!poster) continue
      const source = round.copyFromRoundId
        ? a.posters.find((p) => p.roundId === round.copyFromRoundId && p.tableId === table.id)
        : undefined
      tables.push({
        tableId: table.id,
        posterId: poster.id,
        ...(await this.changes(poster.id, source?.id ?? null, homework.opensAt, a.workshop.anonymousNotes)),
      })
    }
    return { homework: view(homework, round, this.now()), tables }
  }

  /** Notes added, edited and removed on `posterId` since its copy from `sourceId`. */
  private async changes(
    posterId: string,
    sourceId: string | null,
    opensAt: string,
    anonymous: boolean,
  ): Promise<Omit<HomeworkChanges, 'tableId' | 'posterId'>> {
    const now = await this.notesOf(posterId)
    if (!now) return { added: 0, edited: 0, removed: 0, authors: [], changedShapeIds: [] }
    const before = sourceId ? ((await this.notesOf(sourceId)) ?? []) : []
    const earlier = new Map(before.map((n) => [n.shapeId, n]))
    const authors = new Set<string>()
    const changed: string[] = []
    let added = 0
    let edited = 0
    for (const note of now) {
      const old = earlier.get(note.shapeId)
      const isNew = !old && (note.createdAt === null || note.createdAt >= opensAt || !sourceId)
      if (isNew) added++
      else if (old && old.text !== note.text) edited++
      else continue
      changed.push(note.shapeId)
      if (note.authorName && !anonymous) authors.add(note.authorName)
    }
    const kept = new Set(now.map((n) => n.shapeId))
    const removed = before.filter((n) => !kept.has(n.shapeId)).length
    return { added, edited, removed, authors: [...authors].sort(), changedShapeIds: changed }
  }

  private async notesOf(posterId: string) {
    const state = await this.deps.documents.load(posterDocName(posterId))
    if (!state) return null
    const doc = new Y.Doc()
    try {
      Y.applyUpdate(doc, state)
      return extractNotes(readRecords(doc))
    } finally {
      doc.destroy()
    }
  }

  /** Starts closing homework on time: now for what is overdue, then exactly and by a sweep. */
  start(): void {
    this.stopped = false
    void this.closeDue()
    this.sweepTimer = setInterval(() => void this.closeDue(), SWEEP_MS)
    this.sweepTimer.unref()
  }

  /** Stops the timers (shutdown). */
  stop(): void {
    this.stopped = true
    if (this.sweepTimer) clearInterval(this.sweepTimer)
    this.sweepTimer = null
    for (const t of this.exact.values()) clearTimeout(t)
    this.exact.clear()
  }

  /** Closes every homework whose time is up; records the deadlines of the others. */
  async closeDue(): Promise<number> {
    let closed = 0
    let open: Homework[]
    try {
      open = await this.deps.series.listOpenHomework()
    } catch (error) {
      this.deps.logger.warn('homework sweep failed', { error: String(error) })
      return 0
    }
    for (const h of open) {
      if (Date.parse(h.closesAt) <= this.now()) {
        if (await this.close(h)) closed++
      } else {
        this.deps.workshops.live.setDeadline(h.roundId, Date.parse(h.closesAt))
        this.schedule(h)
      }
    }
    return closed
  }

  /** Locks a homework round (snapshotting every poster) and marks the homework closed. */
  private async close(h: Homework): Promise<boolean> {
    this.exact.delete(h.roundId)
    try {
      this.deps.workshops.live.setDeadline(h.roundId, Date.parse(h.closesAt))
      const a = await this.deps.workshops.refresh(h.workshopId)
      const round = a?.rounds.find((r) => r.id === h.roundId)
      if (
        a &&
        round &&
        a.workshop.currentRoundId === round.id &&
        !['locked', 'presented', 'closed', 'draft'].includes(round.phase)
      ) {
        if (round.phase === 'private') await this.deps.rounds.act(h.workshopId, round.id, 'reveal')
        await this.deps.rounds.act(h.workshopId, round.id, 'lock')
      }
      await this.deps.series.closeHomework(h.roundId, new Date(this.now()).toISOString())
      this.deps.logger.info('homework closed', { workshopId: h.workshopId, roundId: h.roundId })
      return true
    } catch (error) {
      // Another instance may have locked it a moment earlier; the next sweep marks it closed.
      this.deps.logger.warn('closing homework failed', { roundId: h.roundId, error: String(error) })
      return false
    }
  }

  /** An exact timer for a deadline within the next day (longer ones are left to the sweep). */
  private schedule(h: Homework): void {
    if (this.stopped || this.exact.has(h.roundId)) return
    const wait = Date.parse(h.closesAt) - this.now()
    if (wait > DAY_MS) return
    const timer = setTimeout(() => void this.close(h), Math.max(0, wait) + 5)
    timer.unref()
    this.exact.set(h.roundId, timer)
  }

  // -------------------------------------------------------------------------------------------
  // Follow-up workshops

  /** Creates a workshop that follows up `previousId`: its groups and their last posters. */
  async followUp(previousId: string, input: FollowUpInput, baseUrl: string): Promise<CreateWorkshopResponse> {
    const before = await this.aggregate(previousId)
    const tables = input.tables ?? before.tables.map((t) => ({ name: t.name, colour: t.colour }))
    const tableCount = Array.isArray(tables) ? tables.length : tables
    const groups = input.groups ?? before.tables.map((t) => Math.min(t.number, tableCount))
    if (groups.length !== before.tables.length)
      throw new ValidationError(
        'groups',
        `groups must name a new table for each of the ${before.tables.length} tables`,
      )
    groups.forEach((n, i) => {
      if (n > tableCount)
        throw new ValidationError(`groups.${i}`, `there is no table ${n} in the new workshop`)
    })
    const { groups: _groups, ...create } = input
    const created = await this.deps.workshops.create({ ...create, tables }, baseUrl)
    const after = await this.aggregate(created.workshopId)
    const previousLink = await this.deps.series.getLink(previousId)
    const seriesId = previousLink?.seriesId ?? previousId
    if (!previousLink)
      await this.deps.series.setLink({ workshopId: previousId, previousWorkshopId: null, seriesId })
    await this.deps.series.setLink({
      workshopId: after.workshop.id,
      previousWorkshopId: previousId,
      seriesId,
    })
    const lastRound = lastUsedRound(before)
    const firstRound = after.rounds[0]
    for (const table of after.tables) {
      const sources = before.tables
        .filter((_, i) => groups[i] === table.number)
        .map((old) => before.posters.find((p) => p.roundId === lastRound.id && p.tableId === old.id)?.id)
        .filter((id): id is string => id !== undefined)
      const poster = after.posters.find((p) => p.roundId === firstRound.id && p.tableId === table.id)
      if (poster && sources.length > 0)
        await this.deps.series.setPosterSources(after.workshop.id, poster.id, sources)
    }
    // The earlier workshop's conclusions become the first round's synthesis to build on.
    const conclusions = await this.latestSynthesis(before)
    if (conclusions) await this.deps.documents.append(synthesisDocName(firstRound.id), conclusions)
    return created
  }

  /** A fresh copy (no edit history) of the latest round synthesis of a workshop, or null. */
  private async latestSynthesis(a: WorkshopAggregate): Promise<Uint8Array | null> {
    for (const round of [...a.rounds].reverse()) {
      const state = await this.deps.documents.load(synthesisDocName(round.id))
      if (!state) continue
      const source = new Y.Doc()
      const copy = new Y.Doc()
      try {
        Y.applyUpdate(source, state)
        const records = [...readRecords(source).values()]
        if (!records.some((r) => r.typeName === 'shape')) continue
        seedDocument(copy, records, getMetaMap(source).get(SCHEMA_KEY) as JsonValue)
        return Y.encodeStateAsUpdate(copy)
      } finally {
        source.destroy()
        copy.destroy()
      }
    }
    return null
  }

  /** The series a workshop belongs to (a workshop alone is a series of one). */
  async seriesOf(workshopId: string): Promise<SeriesView> {
    const link = await this.deps.series.getLink(workshopId)
    const ids = link
      ? (await this.deps.series.listSeries(link.seriesId)).map((l) => l.workshopId)
      : [workshopId]
    const workshops: SeriesView['workshops'] = []
    for (const id of ids) {
      const a = await this.deps.workshops.store.getAggregate(id)
      if (!a) continue
      const all = await this.deps.series.listHomework(id)
      const h = all[all.length - 1]
      const round = h ? a.rounds.find((r) => r.id === h.roundId) : undefined
      workshops.push({
        workshopId: id,
        title: a.workshop.title,
        date: a.workshop.date,
        place: a.workshop.place,
        homework: h && round ? view(h, round, this.now()) : null,
      })
    }
    return { seriesId: link?.seriesId ?? workshopId, workshops }
  }

  /**
   * A workshop and every workshop that follows it up (directly or through others), earliest
   * first, with their links: what the key of a workshop reaches (delete, series export).
   */
  async withFollowUps(workshopId: string): Promise<SeriesLink[]> {
    const link = await this.deps.series.getLink(workshopId)
    if (!link) return [{ workshopId, previousWorkshopId: null, seriesId: workshopId }]
    const members = await this.deps.series.listSeries(link.seriesId)
    const out = [link]
    for (let grew = true; grew; ) {
      grew = false
      for (const m of members) {
        const ids = out.map((l) => l.workshopId)
        if (m.previousWorkshopId && ids.includes(m.previousWorkshopId) && !ids.includes(m.workshopId)) {
          out.push(m)
          grew = true
        }
      }
    }
    return out
  }

  /** Deletes a workshop and every workshop that follows it up, latest first; returns their ids. */
  async deleteWithFollowUps(workshopId: string): Promise<string[]> {
    const ids = (await this.withFollowUps(workshopId)).map((l) => l.workshopId)
    for (const id of [...ids].reverse()) {
      if (await this.deps.workshops.store.getWorkshop(id)) await this.deps.workshops.delete(id)
      else await this.deps.series.deleteWorkshop(id)
    }
    return ids
  }
}

/** The round a follow-up starts from: the last one that was used (homework included). */
function lastUsedRound(a: WorkshopAggregate): Round {
  const used = a.rounds.filter((r) => r.phase !== 'draft')
  return used[used.length - 1] ?? a.rounds[a.rounds.length - 1]
}

/** A stored round as the organizer's edit request lists it (kept as it is). */
function roundInput(r: Round, rounds: Round[]): z.output<typeof roundInputSchema> {
  const from = r.copyFromRoundId ? rounds.findIndex((x) => x.id === r.copyFromRoundId) : -1
  return {
    id: r.id,
    title: r.title,
    questions: r.questions,
    template: r.template,
    minutes: r.minutes,
    ...(from >= 0 ? { copyFromRound: from } : {}),
  }
}

function view(h: Homework, round: Round, now: number): HomeworkView {
  return {
    roundId: h.roundId,
    title: round.title,
    questions: round.questions,
    opensAt: h.opensAt,
    closesAt: h.closesAt,
    closed: h.closedAt !== null || Date.parse(h.closesAt) <= now,
  }
}

export type { FollowUpRequest, OpenHomeworkRequest }
