/**
 * The canvas of a table page (the poster and the notes-only mode) for whoever opened it:
 * gathers the inputs of the shared write rule (shared/canvasRule.ts) from the table context.
 */
import type { RoundPhase } from '../../shared/api'
import { type Canvas, canvasFor, type Viewer } from '../../shared/canvasRule'
import { posterIdOf } from '../../shared/docNames'
import type { TableContext } from './useTableContext'

type Ready = Extract<TableContext, { status: 'ready' }>

/** The phase a table page shows: live from the control document, else from the workshop view. */
export function tablePhase(ctx: Ready): RoundPhase | null {
  return ctx.control?.phase ?? ctx.round?.phase ?? null
}

/** Who opened the page: the participant of the session, else the role of the key. */
function viewerOf(ctx: Ready): Viewer {
  if (ctx.session) {
    return { role: 'participant', participantId: ctx.session.participantId, tableId: ctx.session.tableId }
  }
  const role = ctx.workshop.role
  // A participant token without its session here cannot be placed at a table: view only.
  return role === 'participant' ? { role: 'participant', participantId: '', tableId: '' } : { role }
}

/** The document the page opens for this table and whether it may write there; null without a poster. */
export function tableCanvas(ctx: Ready, tableId: string): Canvas | null {
  const posterId = ctx.posterDocName ? posterIdOf(ctx.posterDocName) : null
  if (!posterId) return null
  const current = ctx.control?.currentRoundId ?? ctx.workshop.currentRoundId ?? ctx.workshop.rounds[0]?.id
  return canvasFor({
    viewer: viewerOf(ctx),
    poster: { id: posterId, tableId },
    phase: tablePhase(ctx),
    currentRound: ctx.round !== null && ctx.round.id === current,
  })
}
