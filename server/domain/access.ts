/**
 * Who may open which document, and whether they may write to it right now.
 *
 * | document            | organizer, facilitator | screen | participant of the table          | other participant      |
 * |---------------------|------------------------|--------|-----------------------------------|------------------------|
 * | `p-` poster         | read-write             | read   | write while its round is active and the phase allows; else read | read while presented, else Forbidden |
 * | `w-` control        | read                   | read   | read                              | read                   |
 * | `q-` private notes  | read                   | —      | owner: write during private writing | Forbidden            |
 * | `s-` sandbox        | anyone, when sandboxes are enabled                                                         |
 *
 * `canWrite()` is evaluated per message from `LiveRoundState`, so locking a round stops
 * participants' writes at once without reconnecting anyone. `canRead()` is evaluated for every
 * frame sent: another table's participant loses a poster when the presentation moves on, and a
 * connection opened with a facilitator or screen key loses everything when the organizer
 * re-issues that key; the sync core then closes it with `Forbidden`.
 */

import { DocKind, parseDocName } from '../../shared/protocol'
import { participantsMayWritePoster, participantsWritePrivately } from '../../shared/rounds'
import type { Access, Authorize } from '../sync/types'
import { AccessError } from './AccessError'
import type { Poster, Principal } from './entities'
import type { KeyRole } from './LiveRoundState'
import { hashSecret } from './secrets'
import type { WorkshopService } from './WorkshopService'

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
  const { store, live } = ctx.workshops
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
    canWrite: () => {
      ctx.workshops.refreshSoon(poster.workshopId)
      const phase = live.phase(poster.roundId)
      return (
        live.activeRoundId(poster.workshopId) === poster.roundId &&
        phase !== null &&
        participantsMayWritePoster(phase)
      )
    },
  }
}

async function privateAccess(ctx: AccessContext, principal: Principal, id: string): Promise<Access> {
  const [posterId, participantId] = id.split('_')
  const poster = posterId ? await ctx.workshops.store.getPoster(posterId) : null
  if (!poster || !participantId) throw AccessError.notFound('no such private document')
  if (principal.workshopId !== poster.workshopId)
    throw AccessError.forbidden('this token belongs to another workshop')
  await ctx.workshops.refresh(poster.workshopId)
  if (principal.role === 'organizer' || principal.role === 'facilitator') return readOnly(principal.role)
  if (principal.role !== 'participant' || principal.participant.id !== participantId) {
    throw AccessError.forbidden('private notes are only open to their author until they are revealed')
  }
  if (principal.participant.tableId !== poster.tableId) throw AccessError.forbidden('not your table')
  const { live } = ctx.workshops
  return {
    role: 'participant',
    participantId: principal.participant.id,
    name: principal.participant.name,
    canWrite: () => {
      ctx.workshops.refreshSoon(poster.workshopId)
      const phase = live.phase(poster.roundId)
      return (
        live.activeRoundId(poster.workshopId) === poster.roundId &&
        phase !== null &&
        participantsWritePrivately(phase)
      )
    },
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
  parsed: { kind: string; id: string },
): Promise<Access> {
  switch (parsed.kind) {
    case DocKind.Poster:
      return posterAccess(ctx, principal, parsed.id)
    case DocKind.Control: {
      if (!(await ctx.workshops.store.getWorkshop(parsed.id))) throw AccessError.notFound('no such workshop')
      if (principal.workshopId !== parsed.id)
        throw AccessError.forbidden('this token belongs to another workshop')
      const extra =
        principal.role === 'participant'
          ? { participantId: principal.participant.id, name: principal.participant.name }
          : {}
      return readOnly(principal.role, extra)
    }
    case DocKind.Private:
      return privateAccess(ctx, principal, parsed.id)
    default:
      throw AccessError.notFound(`unknown document kind "${parsed.kind}"`)
  }
}
