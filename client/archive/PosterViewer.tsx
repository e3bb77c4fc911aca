/**
 * A poster file (a snapshot) shown read-only in the tldraw canvas, in a dialog: the organizer
 * can pan and zoom to read every note but cannot change anything.
 */
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { type ReactNode, useEffect, useMemo, useRef } from 'react'
import { type Editor, Tldraw } from 'tldraw'
import { useLang } from '../app/i18n'
import { TLDRAW_LICENSE_KEY } from '../poster/licenseKey'
import { storeFromFile, type TldrawFileJson } from './renderPoster'

const assetUrls = getAssetUrlsByImport()

/** The dialog with a read-only canvas. */
export function PosterViewer(props: {
  file: TldrawFileJson
  title: string
  onClose: () => void
  children?: ReactNode
  closeLabel: string
}) {
  const { file, title, onClose, children, closeLabel } = props
  const lang = useLang()
  const store = useMemo(() => storeFromFile(file), [file])
  const dialog = useRef<HTMLDialogElement>(null)

  useEffect(() => {
    const d = dialog.current
    if (d && !d.open) d.showModal()
  }, [])

  const onMount = (editor: Editor) => {
    editor.updateInstanceState({ isReadonly: true })
    editor.user.updateUserPreferences({ locale: lang })
    editor.zoomToFit({ animation: { duration: 0 } })
  }

  return (
    <dialog ref={dialog} className="ar-viewer" aria-label={title} onClose={onClose}>
      <header className="ar-viewer__bar">
        <h2>{title}</h2>
        <div className="ar-viewer__actions">
          {children}
          <button type="button" className="pl-button" onClick={() => dialog.current?.close()}>
            {closeLabel}
          </button>
        </div>
      </header>
      <div className="ar-viewer__canvas" data-testid="snapshot-canvas">
        <Tldraw
          store={store}
          onMount={onMount}
          assetUrls={assetUrls}
          licenseKey={TLDRAW_LICENSE_KEY}
          autoFocus={false}
        />
      </div>
    </dialog>
  )
}
