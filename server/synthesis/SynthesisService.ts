/**
 * The plenary synthesis of a round: reads the notes of every table's poster, copies chosen ones
 * into the round's synthesis poster (`y-<roundId>`) with their provenance, suggests themes
 * across tables, lays an accepted theme out as a frame, opens the poster to participants and
 * puts it on the screen. Copies are written through the room (stored before they are relayed);
 * the table posters are only read, so editing a copy never changes its source.
 */
import type * as Y from 'yjs'
import { readControl, writeControl } from '../../shared/controlDoc'
import { getRecordKV, type JsonRecord, readRecords, writeRecord } from '../../shared/docLayout'
import { controlDocName, synthesisDocName } from '../../shared/docNames'
import { copyIdOf, type NoteSource, pullRecords, synthesisLabels, themeRecords } from '../../shared/synthesis'
import type { NoteRef, RoundNote, RoundNotesResponse, SuggestResponse } from '../../shared/synthesisApi'
import type { WorkshopAggregate } from '../domain/entities'
import type { WorkshopService } from '../domain/WorkshopService'
import { readWorkshopPosters } from '../export/workshopNotes'
import { ApiError } from '../http/ApiError'
import type { DocumentStore } from '../storage/DocumentStore'
import { parseLexicon } from './lexicon'
import { suggestThemes } from './suggestThemes'

/** What the synthesis needs. */
export interface SynthesisDeps {
  workshops: WorkshopService
  documents: DocumentStore
  /** Edits a document through its room (stored, then broadcast). */
  rooms: { transact(docName: string, fn: (doc: Y.Doc) => void): Promise<void> }
  /** A table poster's seeded state, for posters nobody opened yet. */
  posterInitialState: (posterId: string) => Promise<Uint8Array | null>
  now?: () => number
}

/** A round note with everything a copy needs. */
interface FullNote extends RoundNote {
  question: string | null
  authorName: string | null
  roundId: string
}

/** The synthesis of the rounds of a workshop. */
export class SynthesisService {
  constructor(private readonly deps: SynthesisDeps) {}

  private async aggregate(workshopId: string, roundId: string) {
    const a = await this.deps.workshops.store.getAggregate(workshopId)
    if (!a) throw new ApiError(404, 'no such workshop')
    const round = a.rounds.find((r) => r.id === roundId)
    if (!round) throw new ApiError(404, `round "${roundId}" is not part of this workshop`)
    return { a, round }
  }

  private async synthesisRecords(roundId: string) {
    let records = new Map<string, JsonRecord>()
    await this.deps.rooms.transact(synthesisDocName(roundId), (doc) => {
      records = readRecords(doc)
    })
    return records
  }

  private async readNotes(a: WorkshopAggregate, roundId: string): Promise<FullNote[]> {
    const round = a.rounds.find((r) => r.id === roundId)!
    const posters = await readWorkshopPosters(
      {
        documents: this.deps.documents,
        votes: async () => new Map(),
        initialState: this.deps.posterInitialState,
      },
      { ...a, rounds: [round] },
    )
    const pulled = await this.synthesisRecords(roundId)
    const anonymous = a.workshop.anonymousNotes
    return posters.flatMap(({ posterId, table, content }) =>
      content.text
        .filter((n) => n.kind === 'note' || n.kind === 'text' || n.kind === 'geo')
        .map((n) => ({
          posterId,
          noteId: n.shapeId,
          text: n.text,
          colour: n.colour,
          tableId: table.id,
          tableName: table.name,
          tableNumber: table.number,
          questionIndex: n.questionIndex,
          question: n.question,
          authorName: anonymous ? null : n.authorName,
          roundId,
          pulled: pulled.has(copyIdOf({ posterId, noteId: n.shapeId })),
        })),
    )
  }

  private sourceOf(note: FullNote): NoteSource {
    return {
      text: note.text,
      colour: note.colour,
      provenance: {
        posterId: note.posterId,
        noteId: note.noteId,
        roundId: note.roundId,
        tableId: note.tableId,
        tableName: note.tableName,
        questionIndex: note.questionIndex,
        question: note.question,
        authorName: note.authorName,
      },
    }
  }

  private pick(notes: FullNote[], refs: readonly NoteRef[]): FullNote[] {
    const byKey = new Map(notes.map((n) => [`${n.posterId}/${n.noteId}`, n]))
    return refs.map((ref) => {
      const note = byKey.get(`${ref.posterId}/${ref.noteId}`)
      if (!note) throw new ApiError(404, `note "${ref.noteId}" is not on a poster of this round`, 'notes')
      return note
    })
  }

  /** Every note of the round's table posters, and whether the synthesis holds a copy. */
  async notes(workshopId: string, roundId: string): Promise<RoundNotesResponse> {
    const { a, round } = await this.aggregate(workshopId, roundId)
    const notes = await this.readNotes(a, roundId)
    return {
      roundTitle: round.title,
      questions: round.questions,
      notes: notes.map(({ question: _q, authorName: _a, roundId: _r, ...rest }) => rest),
      open: await this.isOpen(workshopId, roundId),
    }
  }

  /** Copies notes (chosen ones, or all of a question, optionally of one table) into the synthesis. */
  async pull(
    workshopId: string,
    roundId: string,
    select: { notes?: NoteRef[]; question?: number; tableId?: string },
  ): Promise<{ pulled: number }> {
    const { a } = await this.aggregate(workshopId, roundId)
    const all = await this.readNotes(a, roundId)
    const chosen = select.notes
      ? this.pick(all, select.notes)
      : all.filter(
          (n) => n.questionIndex === select.question && (!select.tableId || n.tableId === select.tableId),
        )
    let pulled = 0
    const inboxName = synthesisLabels[a.workshop.language].inbox
    await this.deps.rooms.transact(synthesisDocName(roundId), (doc) => {
      const records = pullRecords(
        readRecords(doc),
        chosen.map((n) => this.sourceOf(n)),
        inboxName,
      )
      const kv = getRecordKV(doc)
      for (const r of records) writeRecord(kv, r)
      pulled = records.filter((r) => r.type === 'note').length
    })
    return { pulled }
  }

  /** Suggests themes across the tables' notes of the round (or one question). */
  async suggest(
    workshopId: string,
    roundId: string,
    options: { question?: number; lexicon?: string },
  ): Promise<SuggestResponse> {
    const { a } = await this.aggregate(workshopId, roundId)
    let extraLexicon: ReturnType<typeof parseLexicon> = []
    try {
      extraLexicon = options.lexicon ? parseLexicon(options.lexicon) : []
    } catch (err) {
      throw new ApiError(400, (err as Error).message, 'lexicon')
    }
    const notes = (await this.readNotes(a, roundId)).filter(
      (n) => options.question === undefined || n.questionIndex === options.question,
    )
    const started = performance.now()
    const suggestion = suggestThemes(
      notes.map((n, i) => ({ id: String(i), text: n.text, question: n.questionIndex ?? -1 })),
      { extraLexicon },
    )
    const ref = (id: string): NoteRef => {
      const n = notes[Number(id)]
      return { posterId: n.posterId, noteId: n.noteId }
    }
    return {
      themes: suggestion.themes.map((t) => ({ label: t.label, terms: t.terms, notes: t.noteIds.map(ref) })),
      unsorted: suggestion.unsorted.map(ref),
      tookMs: Math.round(performance.now() - started),
    }
  }

  /** Lays an accepted theme out on the synthesis poster: a frame named `label` with its notes. */
  async accept(
    workshopId: string,
    roundId: string,
    label: string,
    refs: NoteRef[],
  ): Promise<{ frameId: string }> {
    const { a } = await this.aggregate(workshopId, roundId)
    const notes = this.pick(await this.readNotes(a, roundId), refs)
    let frameId = ''
    const slot = `${(this.deps.now ?? Date.now)().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`
    await this.deps.rooms.transact(synthesisDocName(roundId), (doc) => {
      const result = themeRecords(
        readRecords(doc),
        label,
        notes.map((n) => this.sourceOf(n)),
        slot,
      )
      const kv = getRecordKV(doc)
      for (const r of result.records) writeRecord(kv, r)
      frameId = result.frameId
    })
    return { frameId }
  }

  /** Whether participants may write on the round's synthesis now. */
  async isOpen(workshopId: string, roundId: string): Promise<boolean> {
    let openRoundId: string | null = null
    await this.deps.rooms.transact(controlDocName(workshopId), (doc) => {
      openRoundId = readControl(doc).synthesisOpen
    })
    // The control document is the durable record; after a restart the live state learns it here.
    this.deps.workshops.live.setSynthesisOpen(workshopId, openRoundId)
    return openRoundId === roundId
  }

  /** Opens the round's synthesis to participants' writing, or closes it. */
  async setOpen(workshopId: string, roundId: string, open: boolean): Promise<void> {
    await this.aggregate(workshopId, roundId)
    this.deps.workshops.live.setSynthesisOpen(workshopId, open ? roundId : null)
    await this.deps.rooms.transact(controlDocName(workshopId), (doc) => {
      const current = readControl(doc).synthesisOpen
      if (open) writeControl(doc, { synthesisOpen: roundId })
      else if (current === roundId) writeControl(doc, { synthesisOpen: null })
    })
  }

  /** Shows the round's synthesis on the screen (and every follower's device). */
  async present(workshopId: string, roundId: string): Promise<void> {
    const { a, round } = await this.aggregate(workshopId, roundId)
    const name = synthesisDocName(roundId)
    await this.deps.workshops.setPresenting(workshopId, null)
    await this.deps.rooms.transact(controlDocName(workshopId), (doc) => {
      writeControl(doc, {
        presenting: {
          posterId: name,
          docName: name,
          tableId: '',
          tableName: synthesisLabels[a.workshop.language].pageName(round.title),
          frameId: null,
          at: (this.deps.now ?? Date.now)(),
        },
      })
    })
  }
}
