/**
 * The round's synthesis (`/w/:workshopId/synthesis/:roundId#k=KEY`): the room-wide poster into
 * which the facilitator gathers copies of notes from every table. Staff get a side panel to
 * pull notes and to have themes suggested, accepted, renamed, merged or dropped; they open the
 * poster to participants and put it on the screen. Participants (with their table token) see
 * it live and edit it while the facilitator has opened it.
 */
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { Editor } from 'tldraw'
import { clientPaths } from '../../shared/api'
import type { RoundNotesResponse } from '../../shared/synthesisApi'
import { readFragmentParam } from '../app/fragment'
import { useMessages } from '../app/i18n'
import { LanguageSwitch } from '../app/LanguageSwitch'
import type { PageProps } from '../app/matchRoute'
import { usePageTitle } from '../app/usePageTitle'
import { loadSession } from '../join/session'
import { useControl } from '../live/useControl'
import { PosterPage } from '../poster/PosterPage'
import { NotesPanel } from './NotesPanel'
import { synthesisClient } from './synthesisClient'
import { synthesisMessages } from './synthesisMessages'
import { ThemesPanel } from './ThemesPanel'
import { ThemeVotes } from './ThemeVotes'
import '../join/pages.css'
import './synthesis.css'
import { synthesisDocName } from '../../shared/docNames'

/** The synthesis page. */
export default function SynthesisPage({ params }: PageProps): ReactNode {
  const { workshopId, roundId } = params
  const t = useMessages(synthesisMessages)
  const [staffKey] = useState(() => readFragmentParam('k'))
  const [session] = useState(() => loadSession(workshopId))
  const token = staffKey ?? session?.token ?? null
  const staff = staffKey !== null
  const api = useMemo(() => synthesisClient(workshopId, roundId, token), [workshopId, roundId, token])
  const { control } = useControl(workshopId, token)
  const [data, setData] = useState<RoundNotesResponse | null>(null)
  const [tab, setTab] = useState<'themes' | 'notes'>('themes')
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const open = control.synthesisOpen === roundId
  const themeVoting = !staff && control.phase === 'voting' && control.votes?.scope === 'synthesis'
  // Participants get no notes list; the control document names the current round.
  const roundTitle = data?.roundTitle ?? (control.currentRoundId === roundId ? control.roundTitle : '')
  usePageTitle(roundTitle ? t('heading', { round: roundTitle }) : t('title'))

  const editorRef = useRef<Editor | null>(null)
  const reload = useCallback(async () => {
    if (!staff) return
    try {
      setData(await api.notes())
      // Show what was just pulled or accepted: the whole synthesis, once the new records arrived.
      setTimeout(() => editorRef.current?.zoomToFit({ animation: { duration: 300 } }), 400)
    } catch (err) {
      setMessage({ text: (err as Error).message, error: true })
    }
  }, [api, staff])
  useEffect(() => {
    reload()
  }, [reload])

  const onMessage = (text: string | null, error = false) => setMessage(text ? { text, error } : null)
  const act = (call: () => Promise<unknown>, done?: string) =>
    call()
      .then(() => done && onMessage(done))
      .catch((err: Error) => onMessage(err.message, true))

  if (!token) return <p className="page-center">{t('noAccess')}</p>

  const header = (
    <header className="synthesis__bar">
      <strong>{roundTitle ? t('heading', { round: roundTitle }) : t('title')}</strong>
      {staff && (
        <>
          <button
            type="button"
            className="pl-button"
            aria-pressed={open}
            onClick={() => act(() => api.open(!open))}
            data-testid="synthesis-open"
          >
            {open ? t('close') : t('open')}
          </button>
          <button
            type="button"
            className="pl-button"
            onClick={() => act(() => api.present(), t('presented'))}
            data-testid="synthesis-present"
          >
            {t('present')}
          </button>
          <a href={`${clientPaths.wall(workshopId)}#k=${staffKey}`}>{t('wall')}</a>
        </>
      )}
      {!staff && !open && <span className="synthesis__muted">{t('readOnly')}</span>}
      {message && (
        <span
          className={message.error ? 'synthesis__error' : 'synthesis__message'}
          role={message.error ? 'alert' : 'status'}
          data-testid="synthesis-message"
        >
          {message.text}
        </span>
      )}
      <LanguageSwitch className="lang-switch--compact" />
    </header>
  )

  return (
    <div className="synthesis">
      {staff && (
        <aside className="synthesis__panel" aria-label={t('title')}>
          <div className="synthesis__tabs" role="tablist">
            {(['themes', 'notes'] as const).map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                aria-selected={tab === name}
                onClick={() => setTab(name)}
                data-testid={`tab-${name}`}
              >
                {t(name === 'themes' ? 'themesTab' : 'notesTab')}
              </button>
            ))}
          </div>
          {!data ? (
            <p aria-busy="true">{t('loading')}</p>
          ) : tab === 'themes' ? (
            <ThemesPanel
              api={api}
              notes={data.notes}
              questions={data.questions}
              onMessage={onMessage}
              onChanged={reload}
            />
          ) : (
            <NotesPanel
              api={api}
              notes={data.notes}
              questions={data.questions}
              onMessage={onMessage}
              onChanged={reload}
            />
          )}
        </aside>
      )}
      <div className="synthesis__canvas">
        <PosterPage
          docName={synthesisDocName(roundId)}
          token={token}
          userName={staff ? t('facilitator') : (session?.name ?? null)}
          readOnly={!staff && !open}
          header={header}
          onEditor={(editor) => {
            editorRef.current = editor
          }}
          side={
            themeVoting ? (
              <ThemeVotes workshopId={workshopId} roundId={roundId} token={token} control={control} />
            ) : undefined
          }
        />
      </div>
    </div>
  )
}
