/**
 * Runs the rounds of a workshop: phase transitions on all tables at once, the timer, the
 * plenary presentation, "we're done" flags and dot votes. Every change is stored in the
 * domain database (so it survives a restart) and mirrored into the workshop's control
 * document `w-<id>`, which only the server writes and every client reads.
 */
import type * as Y from 'yjs'
import { type ControlState, type PresentView, readControl, writeControl } from '../../shared/controlDoc'
import { readRecords } from '../../shared/docLayout'
import { controlDocName, parseDocName, posterDocName } from '../../shared/docNames'
import { CURRENT_ROUND, type PosterStatesResponse, shownRound } from '../../shared/posterStates'
import {
  checkUnvote,
  checkVote,
  extendTimer,
  isLockedPhase,
  pauseTimer,
  type RoundAction,
  type RoundPhase,
  resumeTimer,
  startTimer,
  transition,
  VOTE_REFUSAL_MESSAGES,
  type VoteConfig,
} from '../../shared/rounds'
import { isThemeFrame } from '../../shared/synthesis'
import type { Participant, WorkshopAggregate } from '../domain/entities'
import type { SnapshotReason } from '../domain/SnapshotStore'
import type { WorkshopService } from '../domain/WorkshopService'
import type { DocumentStore } from '../storage/DocumentStore'
import type { Logger } from '../sync/types'
import { posterRecords } from './posterRecords'
import { mergePrivateNotes } from './privateNotes'
import { RoundError } from './RoundError'
import type { VoteStore } from './VoteStore'

/** What the round service needs. */
export interface RoundServiceDeps {
  workshops: WorkshopService
  documents: DocumentStore
  /** Server-side document edits through the room registry. */
  rooms: {
    transact(docName: string, fn: (doc: Y.Doc) => void): Promise<void>
    /** Reads a document as stored, loading it when needed. */
    read<T>(docName: string, fn: (doc: Y.Doc) => T): Promise<T>
  }
  /** Closes a document's connections and removes it (private documents after reveal). */
  deleteDocument(docName: string): Promise<void>
  /** Takes an immutable snapshot of a poster. */
  takeSnapshot(posterId: string, reason: SnapshotReason): Promise<unknown>
  votes: VoteStore
  logger: Logger
  /** Server clock, for tests. */
  now?: () => number
}

/** Options of a transition. */
export interface TransitionOptions {
  /** Timer length for `start` and `private`. */
  minutes?: number
  /** Vote settings for `voting`. */
  votes?: VoteConfig
}

/** Timer operations. */
export type TimerOp =
  | { op: 'start'; minutes: number }
  | { op: 'extend'; minutes: number }
  | { op: 'pause' }
  | { op: 'resume' }
  | { op: 'stop' }

/** Round operations of all workshops. */
export class RoundService {
  constructor(private readonly deps: RoundServiceDeps) {}

  private now(): number {
    return this.deps.now?.() ?? Date.now()
  }

  private async aggregate(workshopId: string): Promise<WorkshopAggregate> {
    const a = await this.deps.workshops.refresh(workshopId)
    if (!a) throw new RoundError(404, `workshop "${workshopId}" does not exist`)
    return a
  }

  private control(workshopId: string, patch: Partial<ControlState>): Promise<void> {
    return this.deps.rooms.transact(controlDocName(workshopId), (doc) => writeControl(doc, patch))
  }

  /** The control state as the server holds it now. */
  async readControl(workshopId: string): Promise<ControlState> {
    let state: ControlState | null = null
    await this.deps.rooms.transact(controlDocName(workshopId), (doc) => {
      state = readControl(doc)
    })
    return state as unknown as ControlState
  }

  private tablesOf(a: WorkshopAggregate, roundId: string): ControlState['tables'] {
    return a.tables.map((t) => ({
      tableId: t.id,
      number: t.number,
      name: t.name,
      colour: t.colour,
      posterId: a.posters.find((p) => p.roundId === roundId && p.tableId === t.id)?.id ?? '',
    }))
  }

  /** Applies a facilitator's action to a round of the workshop, on every table at once. */
  async act(
    workshopId: string,
    roundId: string,
    action: RoundAction,
    opts: TransitionOptions = {},
  ): Promise<RoundPhase> {
    const a = await this.aggregate(workshopId)
    const round = a.rounds.find((r) => r.id === roundId)
    if (!round) throw new RoundError(404, `round "${roundId}" is not part of this workshop`)
    const to = transition(round.phase, action)
    const { workshops } = this.deps
    const patch: Partial<ControlState> = { phase: to }
    const current = a.workshop.currentRoundId
    if ((action === 'start' || action === 'private') && current !== roundId) {
      const previous = a.rounds.find((r) => r.id === current)
      if (previous && !isLockedPhase(previous.phase) && previous.phase !== 'draft') {
        throw new RoundError(
          409,
          `round "${previous.title}" is still open (${previous.phase}); lock it first`,
        )
      }
      if (previous && (previous.phase === 'locked' || previous.phase === 'presented')) {
        await workshops.setRoundPhase(previous.id, 'closed')
      }
      await workshops.setCurrentRound(workshopId, roundId)
      await workshops.setPresenting(workshopId, null)
      Object.assign(patch, {
        currentRoundId: roundId,
        roundTitle: round.title,
        tables: this.tablesOf(a, roundId),
        done: {},
        votes: null,
        presenting: null,
      })
    } else if (current !== roundId) {
      throw new RoundError(409, `round "${round.title}" is not the current round; start it first`)
    }
    if (action === 'start' || action === 'private') {
      const minutes = opts.minutes ?? round.minutes
      patch.timer = startTimer(this.now(), minutes * 60_000)
    }
    if (action === 'voting') {
      patch.votes = opts.votes ?? { dots: 3, scope: 'table' }
    }
    if (action === 'lock' || action === 'close') patch.timer = null
    if (action === 'unlock' || action === 'close') {
      await workshops.setPresenting(workshopId, null)
      patch.presenting = null
    }
    // The phase is stored first: participants become read-only on their next message.
    await workshops.setRoundPhase(roundId, to)
    await this.control(workshopId, patch)
    const posters = a.posters.filter((p) => p.roundId === roundId)
    if (action === 'reveal') {
      for (const poster of posters) {
        await mergePrivateNotes(
          {
            documents: this.deps.documents,
            transact: this.deps.rooms.transact.bind(this.deps.rooms),
            deleteDocument: this.deps.deleteDocument,
          },
          poster.id,
        )
      }
    }
    if (action === 'lock') {
      for (const poster of posters) await this.snapshot(poster.id, 'lock')
    }
    return to
  }

  /** Snapshots every poster of the current round by hand; returns how many. */
  async snapshotAll(workshopId: string): Promise<number> {
    const a = await this.aggregate(workshopId)
    const roundId = a.workshop.currentRoundId
    if (!roundId) throw new RoundError(409, 'no round has started yet')
    const posters = a.posters.filter((p) => p.roundId === roundId)
    for (const poster of posters) await this.snapshot(poster.id, 'manual')
    return posters.length
  }

  /**
   * Every poster of a round as stored now (the wall draws them before its sockets sync);
   * `current` is the round the wall shows first. Open rooms answer from memory.
   */
  async posterStates(workshopId: string, roundId: string): Promise<PosterStatesResponse> {
    const a = await this.aggregate(workshopId)
    const round =
      roundId === CURRENT_ROUND
        ? shownRound(a.rounds, a.workshop.currentRoundId)
        : a.rounds.find((r) => r.id === roundId)
    if (!round)
      throw new RoundError(
        404,
        roundId === CURRENT_ROUND
          ? 'this workshop has no rounds'
          : `round "${roundId}" is not part of this workshop`,
      )
    const out: PosterStatesResponse = { roundId: round.id, posters: [] }
    for (const p of a.posters) {
      if (p.roundId !== round.id) continue
      const records = await this.deps.rooms.read(posterDocName(p.id), posterRecords)
      out.posters.push({ posterId: p.id, records })
      // One poster at a time, letting other requests and sockets through in between: thirty
      // big posters read in one go would hold up the server (and the wall's own code) for a while.
      await new Promise((resolve) => setImmediate(resolve))
    }
    return out
  }

  private async snapshot(posterId: string, reason: SnapshotReason): Promise<void> {
    try {
      await this.deps.takeSnapshot(posterId, reason)
    } catch (err) {
      // A failed snapshot must not undo the lock the room already saw; it is logged loudly.
      this.deps.logger.error('snapshot failed', { posterId, reason, error: String(err) })
    }
  }

  /** Starts, extends, pauses, resumes or stops the current round's timer. */
  async timer(workshopId: string, op: TimerOp): Promise<void> {
    const state = await this.readControl(workshopId)
    const now = this.now()
    let timer = state.timer
    switch (op.op) {
      case 'start':
        timer = startTimer(now, op.minutes * 60_000)
        break
      case 'extend':
        if (!timer) throw new RoundError(409, 'no timer is running; start one')
        timer = extendTimer(timer, now, op.minutes * 60_000)
        break
      case 'pause':
        if (!timer) throw new RoundError(409, 'no timer is running')
        timer = pauseTimer(timer, now)
        break
      case 'resume':
        if (!timer) throw new RoundError(409, 'no timer to resume')
        timer = resumeTimer(timer, now)
        break
      case 'stop':
        timer = null
        break
    }
    await this.control(workshopId, { timer })
  }

  /**
   * Presents a table's poster of the current round in plenary (and snapshots it). The view
   * (reading or whole canvas) stays what the presenter last chose unless `view` is given.
   */
  async present(
    workshopId: string,
    tableId: string | null,
    frameId: string | null = null,
    view?: PresentView,
  ): Promise<void> {
    const a = await this.aggregate(workshopId)
    if (tableId === null) {
      await this.deps.workshops.setPresenting(workshopId, null)
      await this.control(workshopId, { presenting: null })
      return
    }
    const roundId = a.workshop.currentRoundId
    if (!roundId) throw new RoundError(409, 'no round has started yet')
    const table = a.tables.find((t) => t.id === tableId)
    const poster = a.posters.find((p) => p.roundId === roundId && p.tableId === tableId)
    if (!table || !poster) throw new RoundError(404, `table "${tableId}" is not part of this workshop`)
    const state = await this.readControl(workshopId)
    const samePoster = state.presenting?.posterId === poster.id
    const round = a.rounds.find((r) => r.id === roundId)
    if (round?.phase === 'locked') await this.deps.workshops.setRoundPhase(roundId, 'presented')
    await this.deps.workshops.setPresenting(workshopId, poster.id)
    await this.control(workshopId, {
      presenting: {
        posterId: poster.id,
        tableId,
        tableName: table.name,
        frameId,
        view: view ?? state.presenting?.view ?? 'reading',
        at: this.now(),
      },
      ...(round?.phase === 'locked' ? { phase: 'presented' as const } : {}),
    })
    if (!samePoster) await this.snapshot(poster.id, 'present')
  }

  /** Moves the presentation to the next (+1) or previous (-1) table; starts at the first. */
  async step(workshopId: string, direction: 1 | -1): Promise<string> {
    const a = await this.aggregate(workshopId)
    const tables = [...a.tables].sort((x, y) => x.number - y.number)
    if (tables.length === 0) throw new RoundError(409, 'the workshop has no tables')
    const state = await this.readControl(workshopId)
    const at = tables.findIndex((t) => t.id === state.presenting?.tableId)
    const next = at < 0 ? 0 : Math.min(tables.length - 1, Math.max(0, at + direction))
    await this.present(workshopId, tables[next].id)
    return tables[next].id
  }

  /** Raises or lowers a table's "we're done" flag. */
  async setDone(workshopId: string, tableId: string, done: boolean): Promise<void> {
    const a = await this.aggregate(workshopId)
    if (!a.tables.some((t) => t.id === tableId))
      throw new RoundError(404, `table "${tableId}" is not part of this workshop`)
    await this.deps.rooms.transact(controlDocName(workshopId), (doc) => {
      const flags = { ...readControl(doc).done, [tableId]: done }
      writeControl(doc, { done: flags })
    })
  }

  /**
   * The round a dot belongs to and where its target lives: a note on a table's poster
   * (`posterId`), or a theme frame on a round's synthesis poster (`posterId` = `y-<roundId>`).
   */
  private async voteFacts(participant: Participant, posterId: string) {
    const { workshops } = this.deps
    const ref = parseDocName(posterId)
    const synthesisRoundId = ref?.kind === 'synthesis' ? ref.roundId : null
    if (synthesisRoundId !== null) {
      const round = await workshops.store.getRound(synthesisRoundId)
      if (!round || round.workshopId !== participant.workshopId) {
        throw new RoundError(404, `synthesis "${posterId}" is not part of this workshop`)
      }
      return { docName: posterId, tableId: '', round, onSynthesis: true }
    }
    const poster = await workshops.store.getPoster(posterId)
    if (!poster || poster.workshopId !== participant.workshopId) {
      throw new RoundError(404, `poster "${posterId}" is not part of this workshop`)
    }
    const round = await workshops.store.getRound(poster.roundId)
    if (!round) throw new RoundError(404, 'the poster has no round')
    return { docName: posterDocName(posterId), tableId: poster.tableId, round, onSynthesis: false }
  }

  /** Places one of the participant's dots on a note; returns the dots they have left. */
  async vote(participant: Participant, posterId: string, noteId: string): Promise<number> {
    const { docName, tableId, round, onSynthesis } = await this.voteFacts(participant, posterId)
    const control = await this.readControl(participant.workshopId)
    const config = control.currentRoundId === round.id ? control.votes : null
    let noteExists = false
    await this.deps.rooms.transact(docName, (doc) => {
      const record = readRecords(doc).get(noteId)
      // On the synthesis a dot goes on a theme (a theme frame); elsewhere on a note.
      noteExists = onSynthesis
        ? record?.typeName === 'shape' && record.type === 'frame' && isThemeFrame(record)
        : record?.typeName === 'shape' && record.type === 'note'
    })
    const dotsUsed = await this.deps.votes.countByParticipant(round.id, participant.id)
    const refusal = checkVote({
      phase: round.phase,
      config,
      voterTableId: participant.tableId,
      noteTableId: tableId,
      noteExists,
      dotsUsed,
      onSynthesis,
    })
    if (refusal) throw new RoundError(refusal === 'note-missing' ? 404 : 409, VOTE_REFUSAL_MESSAGES[refusal])
    const limit = (config as VoteConfig).dots
    const vote = {
      workshopId: participant.workshopId,
      roundId: round.id,
      posterId,
      noteId,
      participantId: participant.id,
    }
    if (!(await this.deps.votes.addIfUnder(vote, limit))) {
      throw new RoundError(409, VOTE_REFUSAL_MESSAGES['no-dots-left'])
    }
    await this.publishTallies(participant.workshopId, posterId)
    return limit - (await this.deps.votes.countByParticipant(round.id, participant.id))
  }

  /** Takes back one of the participant's dots from a note. */
  async unvote(participant: Participant, posterId: string, noteId: string): Promise<void> {
    const { round } = await this.voteFacts(participant, posterId)
    const mine = await this.deps.votes.mine(round.id, participant.id)
    const refusal = checkUnvote(round.phase, mine[`${posterId}/${noteId}`] ?? 0)
    if (refusal) throw new RoundError(409, VOTE_REFUSAL_MESSAGES[refusal])
    await this.deps.votes.removeOne({ roundId: round.id, posterId, noteId, participantId: participant.id })
    await this.publishTallies(participant.workshopId, posterId)
  }

  /** A participant's dots in the current round. */
  async myVotes(
    participant: Participant,
  ): Promise<{ dots: number; used: number; notes: Record<string, number> }> {
    const control = await this.readControl(participant.workshopId)
    const roundId = control.currentRoundId
    const notes = roundId ? await this.deps.votes.mine(roundId, participant.id) : {}
    const used = Object.values(notes).reduce((n, v) => n + v, 0)
    return { dots: control.votes?.dots ?? 0, used, notes }
  }

  private async publishTallies(workshopId: string, posterId: string): Promise<void> {
    const counts = await this.deps.votes.tallies(posterId)
    await this.deps.rooms.transact(controlDocName(workshopId), (doc) => {
      writeControl(doc, { tallies: { ...readControl(doc).tallies, [posterId]: counts } })
    })
  }
}
