/**
 * A table's poster for the current round (`/w/:workshopId/t/:tableId`), for participants and
 * staff: the canvas with a header naming the table, the round, its questions and who is here.
 * This route's chunk carries tldraw; the join page links here and never imports it.
 */
import { useCallback, useRef, useState } from 'react'
import type { Editor } from 'tldraw'
import { useMessages } from '../app/i18n'
import { LanguageSwitch } from '../app/LanguageSwitch'
import type { PageProps } from '../app/matchRoute'
import { Link } from '../app/router'
import { usePageTitle } from '../app/usePageTitle'
import { PosterPage } from '../poster/PosterPage'
import type { PosterSession } from '../poster/PosterSession'
import { PresentingBanner } from '../present/PresentingBanner'
import { RoundStatus } from '../present/RoundStatus'
import { VotingPanel } from '../present/VotingPanel'
import { authorCanvasNotes } from './noteAuthor'
import { TableHeader } from './TableHeader'
import { tableCanvas, tablePhase } from './tableCanvas'
import { tableMessages } from './tableMessages'
import { useTableContext } from './useTableContext'
import './pages.css'
import './table.css'

/** Names in an awareness, without duplicates, sorted. */
function awarenessNames(session: PosterSession): string[] {
  const names = [...session.connection.awareness.getStates().values()]
    .map((s) => (s as { user?: { name?: unknown } }).user?.name)
    .filter((n): n is string => typeof n === 'string' && n.length > 0)
  return [...new Set(names)].sort((a, b) => a.localeCompare(b))
}

/** The participant poster page. */
export default function TablePage({ params }: PageProps) {
  const { workshopId, tableId } = params
  const t = useMessages(tableMessages)
  const ctx = useTableContext(workshopId, tableId)
  const [names, setNames] = useState<string[] | 'unknown' | null>(null)
  usePageTitle(ctx.status === 'ready' ? `${ctx.tableName} · ${ctx.workshop.title}` : null)

  // A participant of this table is named on the notes they draw (anonymous workshops: id only).
  const author =
    ctx.status === 'ready' && ctx.session && ctx.session.tableId === tableId
      ? {
          authorId: ctx.session.participantId,
          authorName: ctx.workshop.anonymousNotes ? '' : ctx.session.name,
        }
      : null
  const authorRef = useRef(author)
  authorRef.current = author

  const onEditor = useCallback((editor: Editor, session: PosterSession) => {
    // Cut off from the server, this device cannot know who is still at the poster.
    const update = () =>
      setNames(session.connection.getState().status === 'offline' ? 'unknown' : awarenessNames(session))
    session.connection.awareness.on('change', update)
    session.connection.subscribe(update)
    update()
    if (authorRef.current) authorCanvasNotes(editor.sideEffects, authorRef.current)
  }, [])

  if (ctx.status !== 'ready') {
    return (
      <main className="pl-page pl-narrow">
        <header className="pl-bar">
          <span className="pl-brand">Plenum</span>
          <LanguageSwitch />
        </header>
        {ctx.status === 'no-token' ? (
          <div className="pl-stack">
            <p>{t('notJoined')}</p>
            <Link to="/join" className="pl-button pl-primary">
              {t('goJoin')}
            </Link>
          </div>
        ) : ctx.status === 'error' ? (
          <p role="alert" className="pl-error">
            {t('failed', { message: ctx.message })}
          </p>
        ) : (
          <p aria-busy="true">{t('loading')}</p>
        )}
      </main>
    )
  }

  const notesHref = `/w/${workshopId}/t/${tableId}/notes${location.hash}`
  const header = <TableHeader ctx={ctx} names={names} notesHref={notesHref} />
  const canvas = tableCanvas(ctx, tableId)
  if (!canvas) {
    return (
      <main className="pl-page">
        {header}
        <p>{t('noPoster')}</p>
      </main>
    )
  }
  const otherTable = ctx.session !== null && ctx.session.tableId !== tableId
  // During private writing a participant's canvas is their own private document (shared/canvasRule.ts).
  return (
    <PosterPage
      key={canvas.docName}
      docName={canvas.docName}
      token={ctx.token}
      userName={ctx.session?.name ?? null}
      readOnly={!canvas.writable}
      header={header}
      onEditor={onEditor}
      status={
        <RoundStatus
          workshopId={workshopId}
          tableId={tableId}
          token={ctx.token}
          control={ctx.control}
          phase={tablePhase(ctx)}
          viewOnly={canvas.viewOnly}
          member={ctx.session !== null && !otherTable}
        />
      }
      side={
        ctx.session !== null &&
        !otherTable && (
          <VotingPanel workshopId={workshopId} token={ctx.token} tableId={tableId} control={ctx.control} />
        )
      }
    >
      <PresentingBanner workshopId={workshopId} token={ctx.token} control={ctx.control} />
    </PosterPage>
  )
}
