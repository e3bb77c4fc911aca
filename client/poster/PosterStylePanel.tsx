/**
 * tldraw's style panel (colour, fill, dash, size), shown only while there is something to style:
 * a selection, or a tool that draws a new shape. tldraw shows it always, and at 1280×800 it
 * sits over the top-right corner of a poster fitted to the screen.
 */
import type { ReactNode } from 'react'
import { DefaultStylePanel, type TLUiStylePanelProps, useEditor, useValue } from 'tldraw'

/** Tools that style nothing: with one of these and no selection, the panel has no use. */
const NOTHING_TO_STYLE = new Set(['select', 'hand', 'eraser', 'laser', 'zoom'])

/** The style panel, while a selection or a drawing tool gives it something to act on. */
export function PosterStylePanel(props: TLUiStylePanelProps): ReactNode {
  const editor = useEditor()
  const shown = useValue(
    'style panel shown',
    () => editor.getSelectedShapeIds().length > 0 || !NOTHING_TO_STYLE.has(editor.getCurrentToolId()),
    [editor],
  )
  return shown ? <DefaultStylePanel {...props} /> : null
}
