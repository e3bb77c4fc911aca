/**
 * The workshop domain's operations: create and edit workshops, join tables, resolve bearer
 * secrets, track rounds, delete everything. Routes and access control go through here.
 */

import type { z } from 'zod'
import type {
  CreateWorkshopInput,
  CreateWorkshopResponse,
  JoinResponse,
  Language,
  PublicWorkshop,
  RotatedKey,
  RoundPhase,
  TemplateName,
  WorkshopView,
} from '../../shared/api'
import { clientPaths, type updateWorkshopRequestSchema } from '../../shared/api'
import { posterDocName } from '../../shared/docNames'
import { NotFoundError, ValidationError } from './DomainError'
import type { Participant, Poster, Principal, Round, WorkshopAggregate } from './entities'
import { LiveRoundState } from './LiveRoundState'
import { hashSecret, newId, newJoinCode, newSecret, normaliseJoinCode, secretMatches } from './secrets'
import { CodeTakenError, type RotatableRole, type WorkshopStore } from './WorkshopStore'
import {
  buildPosters,
  buildRounds,
  buildTables,
  type TableIn,
  tableView,
  toPublicWorkshop,
  toWorkshopView,
} from './workshopParts'

type UpdateInput = z.output<typeof updateWorkshopRequestSchema>

/** Called with a deleted workshop so other parts (snapshots, documents) remove their data. */
export type WorkshopDeletedListener = (aggregate: WorkshopAggregate) => Promise<void>
/** Called with the posters that an edit removed, so their documents can be deleted. */
export type PostersRemovedListener = (posters: Poster[]) => Promise<void>

/** A round whose template, questions or language an edit changed before it started. */
export interface TemplateChange {
  round: Round
  language: Language
  previous: { template: TemplateName; questions: string[]; language: Language }
  posters: Poster[]
}
/** Called when an edit changed the template of rounds whose posters may already exist. */
export type TemplateChangedListener = (changes: TemplateChange[]) => Promise<void>

const CREATE_ATTEMPTS = 5

/** Workshop operations over a `WorkshopStore`. */
export class WorkshopService {
  /** Phases and current rounds as `Access.canWrite()` reads them. */
  readonly live = new LiveRoundState()
  private readonly deletedListeners: WorkshopDeletedListener[] = []
  private readonly removedListeners: PostersRemovedListener[] = []
  private readonly templateListeners: TemplateChangedListener[] = []
  private readonly refreshedAt = new Map<string, number>()
  private readonly refreshing = new Set<string>()
  /** Counts local changes, so a slower read never overwrites a newer change in `live`. */
  private changes = 0

  constructor(readonly store: WorkshopStore) {}

  /** Registers cleanup to run when a workshop is deleted (documents, snapshots, assets). */
  onWorkshopDeleted(listener: WorkshopDeletedListener): void {
    this.deletedListeners.push(listener)
  }

  /** Registers cleanup to run when an edit removes rounds or tables. */
  onPostersRemoved(listener: PostersRemovedListener): void {
    this.removedListeners.push(listener)
  }

  /** Registers the update of existing posters when an edit changes their round's template. */
  onTemplateChanged(listener: TemplateChangedListener): void {
    this.templateListeners.push(listener)
  }

  /** Creates a workshop with its rounds, tables and posters; returns the keys (shown once). */
  async create(input: CreateWorkshopInput, baseUrl: string): Promise<CreateWorkshopResponse> {
    for (let attempt = 1; ; attempt++) {
      const keys = { organizer: newSecret(), facilitator: newSecret(), screen: newSecret() }
      const workshopId = newId()
      const codes = await this.freshCodes(
        1 + (Array.isArray(input.tables) ? input.tables.length : input.tables),
      )
      const tablesIn: TableIn[] = Array.isArray(input.tables)
        ? input.tables
        : Array.from({ length: input.tables }, () => ({}))
      const aggregate: WorkshopAggregate = {
        workshop: {
          id: workshopId,
          code: codes[0],
          title: input.title,
          date: input.date,
          place: input.place,
          language: input.language,
          anonymousNotes: input.anonymousNotes,
          createdAt: new Date().toISOString(),
          currentRoundId: null,
          presentingPosterId: null,
          organizerKeyHash: hashSecret(keys.organizer),
          facilitatorKeyHash: hashSecret(keys.facilitator),
          screenKeyHash: hashSecret(keys.screen),
        },
        rounds: [],
        tables: [],
        posters: [],
      }
      aggregate.rounds = buildRounds(workshopId, input.rounds, [])
      aggregate.tables = buildTables(workshopId, tablesIn, [], input.language, codes.slice(1))
      aggregate.posters = buildPosters(aggregate, [])
      try {
        await this.store.insertWorkshop(aggregate)
      } catch (err) {
        if (err instanceof CodeTakenError && attempt < CREATE_ATTEMPTS) continue
        throw err
      }
      this.remember(aggregate)
      const url = (path: string, key: string) => `${baseUrl}${path}#k=${key}`
      return {
        workshopId,
        code: aggregate.workshop.code,
        organizerUrl: url(clientPaths.setup(workshopId), keys.organizer),
        facilitatorUrl: url(clientPaths.wall(workshopId), keys.facilitator),
        screenUrl: url(clientPaths.screen(workshopId), keys.screen),
        organizerKey: keys.organizer,
        facilitatorKey: keys.facilitator,
        screenKey: keys.screen,
        tables: aggregate.tables.map((t) => tableView(t, baseUrl)),
      }
    }
  }

  /** A workshop as `role` may see it, or null when it does not exist. */
  async view(workshopId: string, role: WorkshopView['role'], baseUrl: string): Promise<WorkshopView | null> {
    const a = await this.store.getAggregate(workshopId)
    if (!a) return null
    this.remember(a)
    return toWorkshopView(a, role, baseUrl)
  }

  /** Applies an organizer's edit. Rounds and tables not listed are removed with their posters. */
  async update(workshopId: string, patch: UpdateInput): Promise<void> {
    const a = await this.store.getAggregate(workshopId)
    if (!a) throw new NotFoundError('no such workshop')
    const before = a.posters
    const roundsBefore = a.rounds
    const w = a.workshop
    const languageBefore = w.language
    const languageChanged = patch.language !== undefined && patch.language !== w.language
    if (patch.title !== undefined) w.title = patch.title
    if (patch.date !== undefined) w.date = patch.date
    if (patch.place !== undefined) w.place = patch.place
    if (patch.language !== undefined) w.language = patch.language
    if (patch.anonymousNotes !== undefined) w.anonymousNotes = patch.anonymousNotes
    if (patch.rounds) {
      patch.rounds.forEach((r, i) => {
        if (r.id && !a.rounds.some((x) => x.id === r.id))
          throw new ValidationError(`rounds.${i}.id`, 'unknown round id')
        if (r.copyFromRound !== undefined && r.copyFromRound >= i) {
          throw new ValidationError(`rounds.${i}.copyFromRound`, 'copyFromRound must name an earlier round')
        }
      })
      a.rounds = buildRounds(w.id, patch.rounds, a.rounds)
      if (w.currentRoundId && !a.rounds.some((r) => r.id === w.currentRoundId)) w.currentRoundId = null
    }
    const tablesIn: TableIn[] | undefined =
      patch.tables ??
      (languageChanged ? a.tables.map((t) => ({ id: t.id, name: t.name, colour: t.colour })) : undefined)
    if (tablesIn) {
      tablesIn.forEach((t, i) => {
        if (t.id && !a.tables.some((x) => x.id === t.id))
          throw new ValidationError(`tables.${i}.id`, 'unknown table id')
      })
      const newTables = tablesIn.filter((t) => !t.id).length
      a.tables = buildTables(w.id, tablesIn, a.tables, w.language, await this.freshCodes(newTables))
    }
    a.posters = buildPosters(a, before)
    if (w.presentingPosterId && !a.posters.some((p) => p.id === w.presentingPosterId))
      w.presentingPosterId = null
    this.changes++
    await this.store.saveWorkshop(a)
    this.remember(a)
    const kept = new Set(a.posters.map((p) => p.id))
    const removed = before.filter((p) => !kept.has(p.id))
    if (removed.length > 0) for (const listener of this.removedListeners) await listener(removed)
    const changes = templateChanges(a, roundsBefore, languageBefore)
    if (changes.length > 0) for (const listener of this.templateListeners) await listener(changes)
  }

  /** What the join page shows for a workshop (and the table a table code names). */
  async publicView(workshopId: string, tableId: string | null = null): Promise<PublicWorkshop | null> {
    const a = await this.store.getAggregate(workshopId)
    if (!a) return null
    return toPublicWorkshop(a, tableId)
  }

  /** Resolves a typed workshop code or table join code. */
  async resolveCode(typed: string): Promise<{ workshopId: string; tableId: string | null } | null> {
    return this.store.resolveCode(normaliseJoinCode(typed))
  }

  /**
   * Joins a table: by its join code, or by the workshop code plus the table id. Throws
   * `NotFoundError` for a wrong code (counted by the rate limit) and `ValidationError` for a
   * table that is not part of the workshop.
   */
  async join(code: string, tableId: string | undefined, name: string): Promise<JoinResponse> {
    const resolved = await this.resolveCode(code)
    if (!resolved) throw new NotFoundError('no workshop or table has this code')
    const chosen = resolved.tableId ?? tableId
    if (!chosen) throw new ValidationError('tableId', 'this is a workshop code: choose a table (tableId)')
    const table = await this.store.getTable(chosen)
    if (!table || table.workshopId !== resolved.workshopId) {
      throw new ValidationError('tableId', 'this table is not part of the workshop')
    }
    const a = await this.store.getAggregate(resolved.workshopId)
    if (!a) throw new NotFoundError('no workshop or table has this code')
    this.remember(a)
    const token = newSecret()
    const participant: Participant = {
      id: newId(),
      workshopId: a.workshop.id,
      tableId: table.id,
      name,
      tokenHash: hashSecret(token),
      createdAt: new Date().toISOString(),
    }
    await this.store.insertParticipant(participant)
    const roundId = this.live.activeRoundId(a.workshop.id) as string
    const poster = a.posters.find((p) => p.roundId === roundId && p.tableId === table.id) as Poster
    return {
      token,
      participantId: participant.id,
      workshopId: a.workshop.id,
      tableId: table.id,
      tableName: table.name,
      posterDocName: posterDocName(poster.id),
      roundId,
    }
  }

  /** Who a bearer key or participant token belongs to, or null when nobody. */
  async authenticate(secret: string | null | undefined): Promise<Principal | null> {
    if (!secret || secret.length < 16 || secret.length > 128) return null
    const hash = hashSecret(secret)
    const key = await this.store.findKeyHash(hash)
    if (key) {
      const w = await this.store.getWorkshop(key.workshopId)
      const stored =
        key.role === 'organizer'
          ? w?.organizerKeyHash
          : key.role === 'facilitator'
            ? w?.facilitatorKeyHash
            : w?.screenKeyHash
      return secretMatches(secret, stored) ? key : null
    }
    const participant = await this.store.findParticipantByTokenHash(hash)
    if (participant && secretMatches(secret, participant.tokenHash)) {
      return { role: 'participant', workshopId: participant.workshopId, participant }
    }
    return null
  }

  /**
   * Re-issues the facilitator or screen key and returns the new one with its link. The server
   * keeps only hashes, so a key cannot be shown again: an organizer on another device gets a
   * working link by rotating. The old key stops working at once, for new requests and (through
   * `live`) for connections opened with it.
   */
  async rotateKey(workshopId: string, role: RotatableRole, baseUrl: string): Promise<RotatedKey> {
    if (!(await this.store.getWorkshop(workshopId))) throw new NotFoundError('no such workshop')
    const key = newSecret()
    this.changes++
    await this.store.setKeyHash(workshopId, role, hashSecret(key))
    await this.refresh(workshopId)
    const path = role === 'facilitator' ? clientPaths.wall(workshopId) : clientPaths.screen(workshopId)
    return { role, key, url: `${baseUrl}${path}#k=${key}` }
  }

  /** Stores a round's phase; participants' write access follows on their next message. */
  async setRoundPhase(roundId: string, phase: RoundPhase): Promise<void> {
    this.changes++
    await this.store.setRoundPhase(roundId, phase)
    this.live.setPhase(roundId, phase)
  }

  /** Stores which round is in progress. */
  async setCurrentRound(workshopId: string, roundId: string | null): Promise<void> {
    this.changes++
    await this.store.setCurrentRound(workshopId, roundId)
    this.live.apply(workshopId, { currentRoundId: roundId })
  }

  /** Stores which poster is presented; its table's poster becomes readable to every participant. */
  async setPresenting(workshopId: string, posterId: string | null): Promise<void> {
    this.changes++
    await this.store.setPresenting(workshopId, posterId)
    this.live.apply(workshopId, { presentingPosterId: posterId })
  }

  /** Loads a workshop's phases and current round into `live`; returns the aggregate. */
  async refresh(workshopId: string): Promise<WorkshopAggregate | null> {
    const changes = this.changes
    const a = await this.store.getAggregate(workshopId)
    // A change made here while the read was in flight is newer than what was read.
    if (a && changes === this.changes) this.remember(a)
    return a
  }

  /** Deletes a workshop: listeners remove documents, snapshots and assets, then the rows go. */
  async delete(workshopId: string): Promise<void> {
    const a = await this.store.getAggregate(workshopId)
    if (!a) throw new NotFoundError('no such workshop')
    // Rows first, so no new connection can be authorised while documents are being removed.
    await this.store.deleteWorkshop(workshopId)
    this.live.forget(
      workshopId,
      a.rounds.map((r) => r.id),
    )
    this.refreshedAt.delete(workshopId)
    for (const listener of this.deletedListeners) await listener(a)
  }

  /**
   * Reloads a workshop's phases in the background when the cached copy is older than
   * `maxAgeMs`: with several server instances, another one may have changed them.
   */
  refreshSoon(workshopId: string, maxAgeMs = 2000): void {
    const at = this.refreshedAt.get(workshopId) ?? 0
    if (Date.now() - at < maxAgeMs || this.refreshing.has(workshopId)) return
    this.refreshing.add(workshopId)
    this.refresh(workshopId)
      .catch(() => {})
      .finally(() => this.refreshing.delete(workshopId))
  }

  private remember(a: WorkshopAggregate): void {
    this.refreshedAt.set(a.workshop.id, Date.now())
    for (const r of a.rounds) this.live.setPhase(r.id, r.phase)
    this.live.setWorkshop(a.workshop.id, {
      currentRoundId: a.workshop.currentRoundId,
      firstRoundId: a.rounds[0]?.id ?? null,
      presentingPosterId: a.workshop.presentingPosterId,
    })
    const w = a.workshop
    this.live.setKeyHashes(w.id, {
      organizer: w.organizerKeyHash,
      facilitator: w.facilitatorKeyHash,
      screen: w.screenKeyHash,
    })
  }

  private async freshCodes(n: number): Promise<string[]> {
    const codes: string[] = []
    while (codes.length < n) {
      const code = newJoinCode()
      if (!codes.includes(code) && !(await this.store.codeTaken(code))) codes.push(code)
    }
    return codes
  }
}

/** Rounds not yet started, not copies, whose template inputs an edit changed. */
function templateChanges(
  a: WorkshopAggregate,
  roundsBefore: Round[],
  languageBefore: Language,
): TemplateChange[] {
  const changes: TemplateChange[] = []
  for (const round of a.rounds) {
    const previous = roundsBefore.find((r) => r.id === round.id)
    if (!previous || round.phase !== 'draft' || round.copyFromRoundId) continue
    const same =
      previous.template === round.template &&
      JSON.stringify(previous.questions) === JSON.stringify(round.questions) &&
      languageBefore === a.workshop.language
    if (same) continue
    changes.push({
      round,
      language: a.workshop.language,
      previous: { template: previous.template, questions: previous.questions, language: languageBefore },
      posters: a.posters.filter((p) => p.roundId === round.id),
    })
  }
  return changes
}
