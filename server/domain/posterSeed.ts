/**
 * The initial state of documents that storage does not have yet (`RoomHooks.initialState`).
 * Posters are seeded here, by the server, from their round's template, or copied from the
 * same table's poster of an earlier round (homework, with the round's own questions added) or
 * from the last posters of the groups of the workshop before (a follow-up), so no client ever
 * seeds a poster and two clients opening a new poster at once cannot race.
 */
import { createHash } from 'node:crypto'
import * as Y from 'yjs'
import {
  getMetaMap,
  type JsonRecord,
  type JsonValue,
  readRecords,
  SCHEMA_KEY,
  seedDocument,
} from '../../shared/docLayout'
import { DocKind, parseDocName, posterDocName } from '../../shared/docNames'
import { blankPosterRecords, serializedPosterSchema } from '../../shared/posterSchema'
import { synthesisLabels } from '../../shared/synthesis'
import { templateRecords } from '../../shared/templates/templateRecords'
import { privateInitialState } from '../rounds/privateNotes'
import { mergePosterRecords } from '../series/mergePosters'
import type { DocumentStore } from '../storage/DocumentStore'
import { AccessError } from './AccessError'
import { homeworkRecords } from './homeworkSeed'
import type { WorkshopService } from './WorkshopService'

/** What seeding needs. */
export interface PosterSeedContext {
  workshops: WorkshopService
  documents: DocumentStore
  allowSandbox: boolean
  /**
   * Earlier posters (of another workshop) a poster starts from, when it is not a copy of its
   * own table's poster of an earlier round: a follow-up workshop's first posters.
   */
  posterSources?: (posterId: string) => Promise<string[]>
}

/**
 * A Y.Doc whose client id is derived from the document name: two instances seeding the same
 * poster produce the identical update, which Yjs merges as one.
 */
function seedDoc(docName: string): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = createHash('sha256').update(docName).digest().readUInt32BE(0) >>> 1
  return doc
}

function encode(doc: Y.Doc): Uint8Array {
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}

/** The seeded state of a poster, from its template or its copy source. */
export async function posterInitialState(
  ctx: PosterSeedContext,
  posterId: string,
  depth = 0,
): Promise<Uint8Array> {
  const store = ctx.workshops.store
  const poster = await store.getPoster(posterId)
  if (!poster) throw AccessError.notFound('no such poster')
  const round = await store.getRound(poster.roundId)
  const workshop = await store.getWorkshop(poster.workshopId)
  if (!round || !workshop) throw AccessError.notFound('no such poster')
  const docName = posterDocName(posterId)
  const doc = seedDoc(docName)
  const sameTable = round.copyFromRoundId
    ? await store.findPoster(round.copyFromRoundId, poster.tableId)
    : null
  const sourceIds = sameTable ? [sameTable.id] : ((await ctx.posterSources?.(posterId)) ?? [])
  if (sourceIds.length > 0 && depth < 20) {
    const sources: JsonRecord[][] = []
    let schema: JsonValue | undefined
    let sourceQuestions: string[] | null = null
    for (const sourceId of sourceIds) {
      const source = await store.getPoster(sourceId)
      if (!source) continue
      const sourceState =
        (await ctx.documents.load(posterDocName(source.id))) ??
        (await posterInitialState(ctx, source.id, depth + 1))
      const sourceDoc = new Y.Doc()
      Y.applyUpdate(sourceDoc, sourceState)
      // Re-seeding the records (rather than copying the update) starts the copy without the
      // source's edit history and tombstones.
      schema ??= getMetaMap(sourceDoc).get(SCHEMA_KEY) as JsonValue | undefined
      sources.push([...readRecords(sourceDoc).values()])
      sourceDoc.destroy()
      sourceQuestions ??= (await store.getRound(source.roundId))?.questions ?? []
    }
    const records = homeworkRecords(
      mergePosterRecords(sources),
      round,
      sourceQuestions ?? [],
      workshop.language,
    )
    seedDocument(doc, records, schema ?? serializedPosterSchema())
  } else {
    seedDocument(
      doc,
      templateRecords(round.template, round.questions, workshop.language),
      serializedPosterSchema(),
    )
  }
  return encode(doc)
}

/**
 * `RoomHooks.initialState`: seeds posters and sandboxes; control and private documents start
 * empty when their workshop, poster and participant exist; anything else does not exist.
 */
export function createInitialState(ctx: PosterSeedContext): (docName: string) => Promise<Uint8Array | null> {
  return async (docName) => {
    const parsed = parseDocName(docName)
    if (!parsed) throw AccessError.notFound('malformed document name')
    switch (parsed.kind) {
      case DocKind.Poster:
        return posterInitialState(ctx, parsed.posterId)
      case DocKind.Control: {
        if (!(await ctx.workshops.store.getWorkshop(parsed.workshopId)))
          throw AccessError.notFound('no such workshop')
        return null
      }
      case DocKind.Private: {
        const poster = await ctx.workshops.store.getPoster(parsed.posterId)
        const participant = await ctx.workshops.store.getParticipant(parsed.participantId)
        if (!poster || !participant || participant.workshopId !== poster.workshopId) {
          throw AccessError.notFound('no such private document')
        }
        // A private document starts as a copy of the poster (see server/rounds/privateNotes.ts).
        return privateInitialState(
          async () =>
            (await ctx.documents.load(posterDocName(poster.id))) ?? posterInitialState(ctx, poster.id),
        )
      }
      case DocKind.Synthesis: {
        // A blank page named after its round; copies and themes are written by the server.
        const round = await ctx.workshops.store.getRound(parsed.roundId)
        const workshop = round ? await ctx.workshops.store.getWorkshop(round.workshopId) : null
        if (!round || !workshop) throw AccessError.notFound('no such round')
        const doc = seedDoc(docName)
        const name = synthesisLabels[workshop.language].pageName(round.title)
        seedDocument(doc, blankPosterRecords(name), serializedPosterSchema())
        return encode(doc)
      }
      case DocKind.Sandbox: {
        if (!ctx.allowSandbox) throw AccessError.notFound('sandbox posters are disabled')
        const doc = seedDoc(docName)
        seedDocument(doc, blankPosterRecords(), serializedPosterSchema())
        return encode(doc)
      }
    }
  }
}
