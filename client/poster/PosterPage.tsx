/**
 * The live poster: a full-screen tldraw canvas bound to the poster's Yjs document, with
 * presence, the connection indicator and an optional title bar. Used directly for sandbox
 * posters (`/p/:docName`) and by the workshop pages for a table's poster.
 */
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react'
import {
  type Editor,
  type TLComponents,
  type TLUiOverrides,
  type TLUserPreferences,
  Tldraw,
  useTldrawCurrentUser,
} from 'tldraw'
import 'tldraw/tldraw.css'
import danishUi from '@tldraw/assets/translations/da.json'
import { setLang, useLang, useMessages } from '../app/i18n'
import { LanguageSwitch } from '../app/LanguageSwitch'
import { ConnectionIndicator } from './ConnectionIndicator'
import { TLDRAW_LICENSE_KEY } from './licenseKey'
import { posterMessages } from './messages'
import { NamePrompt } from './NamePrompt'
import { PosterSession } from './PosterSession'
import { PosterStylePanel } from './PosterStylePanel'
import { cleanName, loadPosterUser, type PosterUser, savePosterUser, tabScopedId } from './posterUser'
import { RefusedBanner } from './RefusedBanner'
import './poster.css'

const assetUrls = getAssetUrlsByImport()

/** The open poster, for components rendered inside tldraw's UI. */
export const PosterSessionContext = createContext<PosterSession | null>(null)

/** React hook: the open poster session (inside `PosterPage`). */
export function usePosterSession(): PosterSession {
  const session = useContext(PosterSessionContext)
  if (!session) throw new Error('usePosterSession outside PosterPage')
  return session
}

function PosterTopPanel(): ReactNode {
  return <ConnectionIndicator connection={usePosterSession().connection} />
}

/** Our Danish/English switch in tldraw's top-right slot; tldraw's own UI follows it. */
function PosterLanguagePanel(): ReactNode {
  return (
    <div className="poster-lang">
      <LanguageSwitch className="lang-switch--compact" />
    </div>
  )
}

/** Below this canvas width a whole poster is too small to read: start at its first question. */
const NARROW_CANVAS_PX = 640
/**
 * On a phone, the zoom at which a note's text (22 px at zoom 1) is about 15 CSS px: a whole
 * question frame fitted to 390 px would show it at 8 px.
 */
const PHONE_READABLE_ZOOM = 0.7
/** Room above a frame for its title, in page units. */
const FRAME_TITLE_UNITS = 32

/** Opens on the whole poster, or on a phone at the first question frame with its text readable. */
function showPosterStart(editor: Editor): void {
  if (editor.getCurrentPageShapeIds().size === 0) return
  const instant = { animation: { duration: 0 } }
  if (editor.getViewportScreenBounds().w < NARROW_CANVAS_PX) {
    const frame = editor.getCurrentPageShapesSorted().find((shape) => shape.type === 'frame')
    const bounds = frame && editor.getShapePageBounds(frame)
    if (bounds) {
      editor.zoomToBounds(bounds, { inset: 12, ...instant })
      if (editor.getZoomLevel() < PHONE_READABLE_ZOOM) {
        // Readable text first: the frame's top-left corner (and its title above it) at that
        // zoom; the rest is a swipe away.
        const inset = 12 / PHONE_READABLE_ZOOM
        editor.setCamera(
          { x: -bounds.x + inset, y: -bounds.y + inset + FRAME_TITLE_UNITS, z: PHONE_READABLE_ZOOM },
          instant,
        )
      }
      return
    }
  }
  editor.zoomToFit(instant)
}

/** The user as shown to collaborators: the person's name and colour, with this tab's id. */
function asShown(user: PosterUser): PosterUser {
  return { ...user, id: tabScopedId(user.id) }
}

/** Props of the poster canvas. */
export interface PosterPageProps {
  /** The poster's document name (`s-…` sandbox, `p-…` workshop poster). */
  docName: string
  /** Participant or staff token for the WebSocket; none for sandbox posters. */
  token?: string | null
  /** The name to show to collaborators (a participant's name). When absent, the saved name is used, and asked for if there is none. */
  userName?: string | null
  /** Open without editing (projector, previews). The server may also make a connection read-only. */
  readOnly?: boolean
  /** A title bar above the canvas (table name, round, questions). */
  header?: ReactNode
  /** A strip between the title bar and the canvas (the round's phase, timer and hints). */
  status?: ReactNode
  /** A panel beside the canvas (below it on narrow screens), e.g. dot voting; never over the poster. */
  side?: ReactNode
  /** Extra UI drawn over the canvas (banners); position it yourself. */
  children?: ReactNode
  /** tldraw UI components to override or hide, merged over the poster's own. */
  components?: TLComponents
  /** Called with the editor once the canvas is mounted. */
  onEditor?: (editor: Editor, session: PosterSession) => void
}

/** The live poster page component. */
export function PosterPage(props: PosterPageProps): ReactNode {
  const { docName, token, userName } = props
  const t = useMessages(posterMessages)
  const [user, setUser] = useState<PosterUser>(() => {
    const saved = loadPosterUser()
    return userName ? { ...saved, name: cleanName(userName) } : saved
  })
  const [askName, setAskName] = useState(() => !userName && !user.name)
  const [session, setSession] = useState<PosterSession | null>(null)

  // One session per mount and document; created in an effect so React's development
  // double-mount cannot leave a destroyed connection behind.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the user is applied by the effect below, not by reconnecting
  useEffect(() => {
    const created = new PosterSession({ docName, token, user: asShown(user), readOnly: props.readOnly })
    setSession(created)
    return () => created.destroy()
  }, [docName, token, props.readOnly])

  const anonymous = t('anonymous')
  useEffect(() => {
    session?.setUser(asShown(user.name ? user : { ...user, name: anonymous }))
  }, [session, user, anonymous])

  // Panels are outside the canvas: what is clicked or typed there never reaches tldraw's
  // shortcuts (a typed "r" would pick the rectangle tool), and a click on the canvas gives
  // the keyboard back to tldraw.
  const editorRef = useRef<Editor | null>(null)
  const onEditor = props.onEditor
  const onEditorMounted = useCallback(
    (editor: Editor, mounted: PosterSession) => {
      editorRef.current = editor
      onEditor?.(editor, mounted)
    },
    [onEditor],
  )
  const panelEvents = {
    onPointerDown: () => editorRef.current?.blur(),
    onFocus: () => editorRef.current?.blur(),
    onKeyDown: (e: React.KeyboardEvent) => e.stopPropagation(),
    onKeyUp: (e: React.KeyboardEvent) => e.stopPropagation(),
  }

  const onName = (name: string) => {
    setAskName(false)
    if (!name) return
    const next = { ...user, name }
    savePosterUser(next)
    setUser(next)
  }

  return (
    <div className="poster-shell">
      {props.header && <div className="poster-shell__header">{props.header}</div>}
      {props.status && (
        <div className="poster-shell__status" {...panelEvents}>
          {props.status}
        </div>
      )}
      <div className="poster-shell__body">
        <div className="poster-shell__canvas" onPointerDownCapture={() => editorRef.current?.focus()}>
          {session ? (
            <PosterCanvas
              session={session}
              user={user}
              onUser={setUser}
              askName={askName ? onName : null}
              languageSwitch={!props.header}
              {...props}
              onEditor={onEditorMounted}
            />
          ) : (
            <Opening />
          )}
          {props.children}
        </div>
        {props.side && (
          <div className="poster-shell__side" {...panelEvents}>
            {props.side}
          </div>
        )}
      </div>
    </div>
  )
}

function Opening({ text }: { text?: string }): ReactNode {
  const t = useMessages(posterMessages)
  return (
    <div className="page-center poster-opening" aria-busy="true">
      <p>{text ?? t('opening')}</p>
    </div>
  )
}

interface CanvasProps extends PosterPageProps {
  session: PosterSession
  user: PosterUser
  onUser: (user: PosterUser) => void
  /** Set while the name should be asked for (once the poster shows). */
  askName: ((name: string) => void) | null
  /** Show our language switch on the canvas (pages without a title bar of their own). */
  languageSwitch: boolean
}

/**
 * Embeds load third-party sites into every participant's browser; posters of a public-sector
 * workshop stay on the organisation's own server, so the embed actions are removed.
 */
const posterOverrides: TLUiOverrides = {
  actions(_editor, actions) {
    delete actions['insert-embed']
    delete actions['convert-to-embed']
    return actions
  },
}

function PosterCanvas(props: CanvasProps): ReactNode {
  const { session, user, onUser, askName, components, onEditor, languageSwitch } = props
  const t = useMessages(posterMessages)
  const lang = useLang()
  const connection = session.connection
  const state = useSyncExternalStore(connection.subscribe, connection.getState)

  // tldraw rebuilds the editor when the user object changes identity, so everything handed
  // to it stays stable across re-renders (the connection state re-renders this often).
  const latest = useRef({ user, onUser, onEditor, session })
  latest.current = { user, onUser, onEditor, session }
  const preferences = useMemo<TLUserPreferences>(
    () => ({ id: tabScopedId(user.id), name: user.name, color: user.color, locale: lang }),
    [user.id, user.name, user.color, lang],
  )
  const setPreferences = useCallback((next: TLUserPreferences) => {
    if (next.locale === 'da' || next.locale === 'en') setLang(next.locale)
    const current = latest.current.user
    const name = cleanName(next.name ?? '')
    if (name && name !== current.name) {
      const updated = { ...current, name }
      savePosterUser(updated)
      latest.current.onUser(updated)
    }
  }, [])
  const tldrawUser = useTldrawCurrentUser({
    userPreferences: preferences,
    setUserPreferences: setPreferences,
  })
  const onMount = useCallback((editor: Editor) => {
    showPosterStart(editor)
    latest.current.onEditor?.(editor, latest.current.session)
  }, [])

  // tldraw shows its English texts until it has fetched the translation of the locale; starting
  // it with the Danish texts (bundled) as its first translation leaves no English flash.
  const overrides = useMemo<TLUiOverrides>(
    () =>
      lang === 'da' ? { ...posterOverrides, translations: { en: danishUi, da: danishUi } } : posterOverrides,
    [lang],
  )

  const merged = useMemo<TLComponents>(
    () => ({
      PageMenu: null,
      TopPanel: PosterTopPanel,
      StylePanel: PosterStylePanel,
      ...(languageSwitch ? { SharePanel: PosterLanguagePanel } : {}),
      ...components,
    }),
    [components, languageSwitch],
  )

  const loadError = session.getLoadError()
  if (loadError) {
    return (
      <div className="page-center" role="alert">
        <p>{t('loadFailed', { reason: (loadError as { reason?: string }).reason ?? loadError.message })}</p>
      </div>
    )
  }
  if (!state.ready || !session.isStarted()) {
    if (state.status === 'refused') return <RefusedBanner code={state.closeCode} />
    const notHere = state.status === 'offline' && connection.hasLocalCopyLoaded()
    return <Opening text={notHere ? t('notOnDevice') : undefined} />
  }
  return (
    <PosterSessionContext.Provider value={session}>
      <Tldraw
        store={session.store}
        assetUrls={assetUrls}
        licenseKey={TLDRAW_LICENSE_KEY}
        user={tldrawUser}
        components={merged}
        overrides={overrides}
        onMount={onMount}
      />
      {state.status === 'refused' && <RefusedBanner code={state.closeCode} />}
      {askName && state.status !== 'refused' && <NamePrompt onDone={askName} />}
    </PosterSessionContext.Provider>
  )
}
