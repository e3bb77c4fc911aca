/**
 * Who may open which document, and whether they may write to it right now.
 *
 * | document            | organizer, facilitator | screen | participant of the table          | other participant      |
 * |---------------------|------------------------|--------|-----------------------------------|------------------------|
 * | `p-` poster         | read-write             | read   | read; write as shared/canvasRule.ts says | read while presented, else Forbidden |
 * | `w-` control        | read                   | read   | read                              | read                   |
 * | `q-` private notes  | read                   | —      | owner: read; write as shared/canvasRule.ts says | Forbidden |
 * | `y-` synthesis      | read-write             | read   | read; write while the facilitator opens it (shared/canvasRule.ts `mayWriteSynthesis`) | same as own table |
 * | `s-` sandbox        | anyone, when sandboxes are enabled                                                         |
 *
 * Who may write is decided by `canvasFor` in shared/canvasRule.ts, the rule the pages show too;
 * this file adds who may open what. `canWrite()` is evaluated per message from
 * `LiveRoundState`, so locking a round stops
 * participants' writes at once without reconnecting anyone. `canRead()` is evaluated for every
 * frame sent: another table's participant loses a poster when the presentation moves on, and a
 * connection opened with a facilitator or screen key loses everything when the organizer
 * re-issues that key; the sync core then closes it with `Forbidden`.
 */

import { mayWrite, mayWriteSynthesis } from '../../shared/canvasRule'
import { DocKind, type DocRef, parseDocName, posterDocName, privateDocName } from '../../shared/docNames'
import type { Access, Authorize } from '../sync/types'
import { AccessError } from './AccessError'
import type { Participant, Poster, Principal } from './entities'
import type { KeyRole } from './LiveRoundState'
import { hashSecret } from './secrets'
import type { WorkshopService } from './WorkshopService'

type PrivateRef = Extract<DocRef, { kind: 'private' }>
type WorkshopRef = Exclude<DocRef, { kind: 'sandbox' }>

/** What access control needs. */
export interface AccessContext {
  workshops: WorkshopService
  allowSandbox: boolean
}

const readOnly = (role: Access['role'], extra: Partial<Access> = {}): Access => ({
  role,
  canWrite: () => false,
  ...extra,
})
const readWrite = (role: Access['role']): Access => ({ role, canWrite: () => true })

/**
 * Who holds the secret of a connection: a key role with the hash of the key used, or a
 * participant. Key holders keep access only while their key is still the workshop's key.
 */
interface Holder {
  principal: Principal
  keyHash: string
}

/** Whether the key a connection was opened with is still the workshop's current key. */
function keyIsCurrent(ctx: AccessContext, holder: Holder): boolean {
  const { principal } = holder
  if (principal.role === 'participant') return true
  ctx.workshops.refreshSoon(principal.workshopId)
  const current = ctx.workshops.live.keyHash(principal.workshopId, principal.role as KeyRole)
  // Not known here yet (nothing loaded the workshop): the key was checked against storage moments ago.
  return current === null || current === holder.keyHash
}

/** Adds the live key check to a key holder's access; a participant's access is returned as is. */
function withKeyCheck(ctx: AccessContext, holder: Holder, access: Access): Access {
  if (holder.principal.role === 'participant') return access
  const { canWrite, canRead } = access
  return {
    ...access,
    canRead: () => keyIsCurrent(ctx, holder) && (canRead?.() ?? true),
    canWrite: () => keyIsCurrent(ctx, holder) && canWrite(),
  }
}

/** Whether a poster is on the plenary screen right now. */
export function isPresented(ctx: AccessContext, poster: Poster): boolean {
  return ctx.workshops.live.presentingPosterId(poster.workshopId) === poster.id
}

async function posterAccess(ctx: AccessContext, principal: Principal, posterId: string): Promise<Access> {
  const { store } = ctx.workshops
  const poster = await store.getPoster(posterId)
  if (!poster) throw AccessError.notFound('no such poster')
  if (principal.workshopId !== poster.workshopId)
    throw AccessError.forbidden('this token belongs to another workshop')
  await ctx.workshops.refresh(poster.workshopId)
  if (principal.role === 'organizer' || principal.role === 'facilitator') return readWrite(principal.role)
  if (principal.role !== 'participant') return readOnly('screen')
  const participant = principal.participant
  const who = { participantId: participant.id, name: participant.name }
  if (participant.tableId !== poster.tableId) {
    if (!isPresented(ctx, poster))
      throw AccessError.forbidden("another table's poster is only shown while presented")
    return readOnly('participant', {
      ...who,
      canRead: () => {
        ctx.workshops.refreshSoon(poster.workshopId)
        return isPresented(ctx, poster)
      },
    })
  }
  return {
    role: 'participant',
    ...who,
    canWrite: () => participantMayWrite(ctx, participant, poster, posterDocName(poster.id)),
  }
}

/** The shared write rule for a participant of the poster's table, from the live round state. */
function participantMayWrite(ctx: AccessContext, participant: Participant, poster: Poster, docName: string) {
  const { live } = ctx.workshops
  ctx.workshops.refreshSoon(poster.workshopId)
  return mayWrite(docName, {
    viewer: { role: 'participant', participantId: participant.id, tableId: participant.tableId },
    poster,
    phase: live.phase(poster.roundId),
    currentRound: live.activeRoundId(poster.workshopId) === poster.roundId,
  })
}

async function privateAccess(ctx: AccessContext, principal: Principal, ref: PrivateRef): Promise<Access> {
  const poster = await ctx.workshops.store.getPoster(ref.posterId)
  if (!poster) throw AccessError.notFound('no such private document')
  if (principal.workshopId !== poster.workshopId)
    throw AccessError.forbidden('this token belongs to another workshop')
  await ctx.workshops.refresh(poster.workshopId)
  if (principal.role === 'organizer' || principal.role === 'facilitator') return readOnly(principal.role)
  if (principal.role !== 'participant' || principal.participant.id !== ref.participantId) {
    throw AccessError.forbidden('private notes are only open to their author until they are revealed')
  }
  const { participant } = principal
  if (participant.tableId !== poster.tableId) throw AccessError.forbidden('not your table')
  return {
    role: 'participant',
    participantId: participant.id,
    name: participant.name,
    canWrite: () => participantMayWrite(ctx, participant, poster, privateDocName(poster.id, participant.id)),
  }
}

/** A round's synthesis poster: the whole room reads it; who writes is `mayWriteSynthesis`. */
async function synthesisAccess(ctx: AccessContext, principal: Principal, roundId: string): Promise<Access> {
  const round = await ctx.workshops.store.getRound(roundId)
  if (!round) throw AccessError.notFound('no such round')
  if (principal.workshopId !== round.workshopId)
    throw AccessError.forbidden('this token belongs to another workshop')
  const { live } = ctx.workshops
  const viewer =
    principal.role === 'participant'
      ? {
          role: 'participant' as const,
          participantId: principal.participant.id,
          tableId: principal.participant.tableId,
        }
      : { role: principal.role }
  const extra =
    principal.role === 'participant'
      ? { participantId: principal.participant.id, name: principal.participant.name }
      : {}
  return {
    role: principal.role,
    ...extra,
    canWrite: () => mayWriteSynthesis(viewer, roundId, live.synthesisOpen(round.workshopId) ?? null),
  }
}

/** Builds the `Authorize` function the sync server calls for every new connection. */
export function createAuthorize(ctx: AccessContext): Authorize {
  return async (docName, token) => {
    const parsed = parseDocName(docName)
    if (!parsed) throw AccessError.notFound('malformed document name')
    if (parsed.kind === DocKind.Sandbox) {
      if (!ctx.allowSandbox) throw AccessError.forbidden('sandbox posters are disabled')
      return readWrite('sandbox')
    }
    if (!token) throw AccessError.unauthorized()
    const principal = await ctx.workshops.authenticate(token)
    if (!principal) throw AccessError.unauthorized('unknown key or token')
    const holder: Holder = { principal, keyHash: hashSecret(token) }
    return withKeyCheck(ctx, holder, await documentAccess(ctx, principal, parsed))
  }
}

/** Access of an authenticated principal to a workshop document. */
async function documentAccess(
  ctx: AccessContext,
  principal: Principal,
  parsed: WorkshopRef,
): Promise<Access> {
  switch (parsed.kind) {
    case DocKind.Poster:
      return posterAccess(ctx, principal, parsed.posterId)
    case DocKind.Control: {
      if (!(await ctx.workshops.store.getWorkshop(parsed.workshopId)))
        throw AccessError.notFound('no such workshop')
      if (principal.workshopId !== parsed.workshopId)
        throw AccessError.forbidden('this token belongs to another workshop')
      const extra =
        principal.role === 'participant'
          ? { participantId: principal.participant.id, name: principal.participant.name }
          : {}
      return readOnly(principal.role, extra)
    }
    case DocKind.Private:
      return privateAccess(ctx, principal, parsed)
    case DocKind.Synthesis:
      return synthesisAccess(ctx, principal, parsed.roundId)
  }
}
