/**
 * Notes-only mode for phones (`/w/:workshopId/t/:tableId/notes`): the round's questions with
 * the notes under each, add / edit / delete my own notes. Writes tldraw note records into the
 * poster document directly, so they appear as sticky notes in the right frame on the canvas.
 * Loads no canvas code.
 */
import { type FormEvent, useId, useMemo, useState } from 'react'
import type { RoundPhase } from '../../shared/api'
import { CloseCode } from '../../shared/closeCodes'
import { posterIdOf } from '../../shared/docNames'
import { isLockedPhase } from '../../shared/rounds'
import { type Translate, useMessages } from '../app/i18n'
import { LanguageSwitch } from '../app/LanguageSwitch'
import type { PageProps } from '../app/matchRoute'
import { Link } from '../app/router'
import { usePageTitle } from '../app/usePageTitle'
import { tableCanvas, tablePhase } from '../join/tableCanvas'
import { useTableContext } from '../join/useTableContext'
import { loadPosterUser } from '../poster/posterUser'
import { TimerDisplay } from '../present/TimerDisplay'
import { HomeworkDeadline } from '../series/HomeworkDeadline'
import { NoteCard } from './NoteCard'
import { notesMessages } from './notesMessages'
import { addNote, editNote, type QuestionWithNotes, readQuestions, removeNote } from './posterNotes'
import { useMyVotes } from './useMyVotes'
import { usePosterDoc } from './usePosterDoc'
import '../join/pages.css'
import './notes.css'
import { ErrorLine } from '../app/ErrorLine'

type T = Translate<keyof (typeof notesMessages)['en']>

function AddNoteForm({ question, t, onAdd }: { question: string; t: T; onAdd: (text: string) => void }) {
  const [text, setText] = useState('')
  const id = useId()
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!text.trim()) return
    onAdd(text.trim())
    setText('')
  }
  return (
    <form className="pl-add-note" onSubmit={submit}>
      <label htmlFor={id} className="pl-visually-hidden">
        {t('addLabel', { question })}
      </label>
      <textarea
        id={id}
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={2000}
        rows={2}
        placeholder={t('placeholder')}
      />
      <button type="submit" className="pl-button pl-primary" disabled={!text.trim()}>
        {t('add')}
      </button>
    </form>
  )
}

/** The notes-only page. */
export default function NotesPage({ params }: PageProps) {
  const { workshopId, tableId } = params
  const t = useMessages(notesMessages)
  const ctx = useTableContext(workshopId, tableId)
  const ready = ctx.status === 'ready' ? ctx : null
  const session = ready?.session ?? null
  const user = useMemo(
    () => (session ? { id: session.participantId, name: session.name, color: loadPosterUser().color } : null),
    [session],
  )
  const phase: RoundPhase | null = ready ? tablePhase(ready) : null
  const otherTable = session !== null && session.tableId !== tableId
  const canvas = ready ? tableCanvas(ready, tableId) : null
  const poster = usePosterDoc(canvas?.docName ?? null, ready?.token ?? null, user)
  // This device's edit count after each of my writes, per note: waiting until the server confirms it.
  const [sent, setSent] = useState<{ connection: unknown; seqs: Record<string, number> }>({
    connection: null,
    seqs: {},
  })
  const noteSent = (id: string) => {
    const connection = poster.connection
    if (!connection) return
    const seq = connection.editCount()
    setSent((s) => ({ connection, seqs: { ...(s.connection === connection ? s.seqs : {}), [id]: seq } }))
  }
  const waiting = (id: string) =>
    sent.connection === poster.connection && (sent.seqs[id] ?? 0) > poster.confirmed
  const [error, setError] = useState<string | null>(null)
  usePageTitle(ready ? `${t('title')} · ${ready.tableName}` : t('title'))

  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks document changes
  const questions: QuestionWithNotes[] = useMemo(
    () => (poster.doc && (poster.synced || poster.localLoaded) ? readQuestions(poster.doc) : []),
    [poster.doc, poster.synced, poster.localLoaded, poster.version],
  )

  const posterId = ready?.posterDocName ? posterIdOf(ready.posterDocName) : null
  const voting = phase === 'voting' && session !== null && !otherTable
  const myVotes = useMyVotes(workshopId, posterId, ready?.token ?? null, voting)
  const tallies = (posterId && ready?.control?.tallies[posterId]) || {}
  const dotsLeft = myVotes.votes ? myVotes.votes.dots - myVotes.votes.used : 0
  const vote = (fn: () => Promise<void>) =>
    fn().catch((err: Error) => setError(t('voteFailed', { message: err.message })))
  const locked = phase !== null && isLockedPhase(phase)
  const writable =
    !!session && !otherTable && !!canvas?.writable && !poster.denied && poster.fatalClose === null
  const phaseNote =
    otherTable || !session || !phase
      ? null
      : canvas?.viewOnly === 'not-started'
        ? t('notStarted')
        : phase === 'private'
          ? t('private')
          : phase === 'voting'
            ? t('voting')
            : null

  const act = (fn: () => void) => {
    try {
      setError(null)
      fn()
    } catch (err) {
      setError(t('failed', { message: (err as Error).message }))
    }
  }

  return (
    <main className="pl-page pl-narrow">
      <header className="pl-bar">
        <span className="pl-brand">Plenum</span>
        <LanguageSwitch />
      </header>
      {ctx.status === 'no-token' ? (
        <section className="pl-stack">
          <h1>{t('title')}</h1>
          <p>{t('notJoined')}</p>
          <Link to="/join" className="pl-button pl-primary">
            {t('goJoin')}
          </Link>
        </section>
      ) : ctx.status === 'error' ? (
        <p role="alert" className="pl-error">
          {t('failed', { message: ctx.message })}
        </p>
      ) : ctx.status === 'loading' || !ready ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : (
        <>
          <h1>
            {ready.tableName}
            <span className="pl-sub">{ready.workshop.title}</span>
          </h1>
          {ready.round ? <p className="pl-muted">{t('round', { title: ready.round.title })}</p> : null}
          <HomeworkDeadline
            workshopId={workshopId}
            token={ready.token}
            roundId={ready.control?.currentRoundId ?? null}
            className="pl-notes-deadline"
          />
          {ready.control?.timer ? (
            // The same timer as on the poster and the wall, kept in view while scrolling the questions.
            <div className="pl-notes-timer">
              <TimerDisplay timer={ready.control.timer} />
            </div>
          ) : null}
          {poster.status === 'offline' ? (
            // Cut off, this device cannot know who is still at the poster.
            <p className="pl-muted" aria-live="polite" data-testid="notes-here">
              {t('hereUnknown')}
            </p>
          ) : poster.names.length > 0 ? (
            <p className="pl-muted" aria-live="polite" data-testid="notes-here">
              {t('here', { names: poster.names.join(', ') })}
            </p>
          ) : null}
          <div className="pl-row pl-status-row">
            <Link to={`/w/${workshopId}/t/${tableId}${location.hash}`} className="pl-button pl-small">
              {t('fullPoster')}
            </Link>
            {poster.status !== 'connecting' &&
            poster.status !== 'refused' &&
            (poster.synced || questions.length > 0) ? (
              <output
                className={poster.status === 'offline' ? 'pl-offline' : 'pl-saved'}
                data-testid="notes-status"
                data-status={poster.status}
                aria-live="polite"
              >
                {poster.status === 'offline'
                  ? poster.unsaved
                    ? t('offline')
                    : t('offlineNothingWaiting')
                  : poster.status === 'saving'
                    ? t('saving')
                    : t('saved')}
              </output>
            ) : null}
          </div>
          {!ready.posterDocName ? <p>{t('noPoster')}</p> : null}
          {locked ? <p className="pl-warning">{t('locked')}</p> : null}
          {phaseNote ? <p className="pl-warning">{phaseNote}</p> : null}
          {voting && myVotes.votes ? (
            <p className="pl-dots-left" aria-live="polite">
              {t('dotsLeft', { left: dotsLeft, dots: myVotes.votes.dots })}
            </p>
          ) : null}
          {poster.fatalClose === CloseCode.Forbidden ? (
            <p className="pl-warning">{t('forbidden')}</p>
          ) : (otherTable || poster.fatalClose !== null) && !locked ? (
            <p className="pl-warning">{t('readOnly')}</p>
          ) : null}
          {poster.denied ? (
            <p role="alert" className="pl-error">
              {t('denied', { reason: poster.denied })}
            </p>
          ) : null}
          <ErrorLine error={error} />
          {ready.posterDocName && !poster.synced && questions.length === 0 && poster.fatalClose === null ? (
            <p aria-busy="true">{t('connecting')}</p>
          ) : null}
          {ready.round && ready.round.template !== 'questions' && ready.round.questions.length > 0 ? (
            // The frames of this template are columns (AS IS / TO BE, plan, steps): the questions sit above them.
            <section className="pl-round-questions" aria-labelledby="round-questions">
              <h2 id="round-questions">{t('roundQuestions')}</h2>
              <ol>
                {ready.round.questions.map((q) => (
                  <li key={q}>{q}</li>
                ))}
              </ol>
            </section>
          ) : null}
          {poster.synced && questions.length === 0 ? <p>{t('noQuestions')}</p> : null}
          {questions.map(({ frame, notes }) => (
            <section key={frame.id} className="pl-question" aria-label={frame.name}>
              <h2>{frame.name}</h2>
              {notes.length === 0 ? <p className="pl-muted">{t('noNotes')}</p> : null}
              <ul className="pl-notes">
                {notes.map((note) => (
                  <NoteCard
                    key={note.id}
                    note={note}
                    mine={!!session && note.authorId === session.participantId}
                    writable={writable}
                    waiting={waiting(note.id)}
                    vote={
                      voting && myVotes.votes
                        ? {
                            total: tallies[note.id] ?? 0,
                            mine: myVotes.mineOn(note.id),
                            canAdd: dotsLeft > 0,
                            onAdd: () => vote(() => myVotes.add(note.id)),
                            onRemove: () => vote(() => myVotes.remove(note.id)),
                          }
                        : null
                    }
                    t={t}
                    onSave={(text) =>
                      act(() => {
                        if (!poster.doc) return
                        editNote(poster.doc, note.id, text)
                        noteSent(note.id)
                      })
                    }
                    onDelete={() => act(() => poster.doc && removeNote(poster.doc, note.id))}
                  />
                ))}
              </ul>
              {writable && poster.doc && session ? (
                <AddNoteForm
                  question={frame.name}
                  t={t}
                  onAdd={(text) =>
                    act(() => {
                      if (!poster.doc) return
                      const id = addNote(poster.doc, frame.id, text, {
                        authorId: session.participantId,
                        // Anonymous workshops keep only the id, so I can still edit my notes.
                        authorName: ready.workshop.anonymousNotes ? '' : session.name,
                      })
                      noteSent(id)
                    })
                  }
                />
              ) : null}
            </section>
          ))}
        </>
      )}
    </main>
  )
}
