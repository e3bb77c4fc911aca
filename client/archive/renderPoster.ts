/**
 * Renders posters to SVG and PNG in the browser with an offscreen tldraw editor, so exports
 * look exactly like the canvas (same shapes, fonts and colours) without a headless browser on
 * the server. One editor is created per poster and disposed right after; the caller renders
 * posters one at a time so thirty posters never hold thirty editors.
 */
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import {
  createTLStore,
  defaultAddFontsFromNode,
  defaultBindingUtils,
  defaultShapeUtils,
  Editor,
  parseTldrawJsonFile,
  type TLStore,
  tipTapDefaultExtensions,
} from 'tldraw'
import 'tldraw/tldraw.css'
import { TLDRAW_LICENSE_KEY } from '../poster/licenseKey'

/** A poster in tldraw's file format, as the archive API serves it. */
export interface TldrawFileJson {
  tldrawFileFormatVersion: number
  schema: unknown
  records: Array<{ id: string; typeName: string; [key: string]: unknown }>
}

/** Thrown when a poster file cannot be read or drawn. */
export class RenderError extends Error {
  override name = 'RenderError'
}

/** A rendered poster. */
export interface RenderedPoster {
  /** SVG markup with fonts embedded ('' when only the raster image was asked for). */
  svg: string
  /** Raster image (PNG unless JPEG was asked for). */
  png: Blob
  /** Size of the raster image in pixels. */
  width: number
  height: number
}

const assetUrls = getAssetUrlsByImport()
let schemaStore: TLStore | null = null

/** Loads a `.tldr` file into a store, migrating it to the current schema. */
export function storeFromFile(file: TldrawFileJson): TLStore {
  schemaStore ??= createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
  const result = parseTldrawJsonFile({ json: JSON.stringify(file), schema: schemaStore.schema })
  if (!result.ok) throw new RenderError(`the poster file cannot be read (${result.error.type})`)
  return result.value
}

function offscreenContainer(): HTMLDivElement {
  const outer = document.createElement('div')
  // Laid out (so text measures correctly) but never visible or focusable.
  outer.style.cssText = 'position:fixed;left:-100000px;top:0;width:1600px;height:1200px;overflow:hidden;'
  outer.setAttribute('aria-hidden', 'true')
  outer.className = 'tl-container tl-theme__light'
  const inner = document.createElement('div')
  outer.append(inner)
  document.body.append(outer)
  return outer
}

/** Options of `renderPoster`. */
export interface RenderOptions {
  /** PNG pixels per poster unit (default 1: a 2000-unit wide poster gives a 2000 px image). */
  pixelRatio?: number
  /** Skip the raster image (for SVG-only downloads). */
  svgOnly?: boolean
  /** Largest side of the raster image in pixels; big posters are drawn at a lower pixel ratio. */
  maxSide?: number
  /** Skip the SVG string (the raster export draws the SVG itself; asking for both draws twice). */
  rasterOnly?: boolean
  /** Raster format: PNG (default, lossless) or JPEG (much smaller; used in the report). */
  raster?: 'png' | 'jpeg'
}

/** Renders one poster to SVG and PNG. */
export async function renderPoster(
  file: TldrawFileJson,
  options: RenderOptions = {},
): Promise<RenderedPoster> {
  const store = storeFromFile(file)
  const container = offscreenContainer()
  const editor = new Editor({
    store,
    shapeUtils: defaultShapeUtils,
    bindingUtils: defaultBindingUtils,
    tools: [],
    getContainer: () => container.firstElementChild as HTMLElement,
    licenseKey: TLDRAW_LICENSE_KEY,
    fontAssetUrls: assetUrls.fonts,
    options: {
      text: {
        tipTapConfig: { extensions: tipTapDefaultExtensions },
        addFontsFromNode: defaultAddFontsFromNode,
      },
    },
  })
  try {
    const pages = editor.getPages()
    if (pages[0]) editor.setCurrentPage(pages[0].id)
    const ids = [...editor.getCurrentPageShapeIds()]
    if (ids.length === 0) throw new RenderError('the poster is empty')
    if (!options.rasterOnly) {
      const svg = await editor.getSvgString(ids, { background: true, padding: 32 })
      if (!svg) throw new RenderError('the poster has nothing to draw')
      if (options.svgOnly) return { svg: svg.svg, png: new Blob(), width: svg.width, height: svg.height }
    }
    let pixelRatio = options.pixelRatio ?? 1
    const bounds = editor.getCurrentPageBounds()
    if (options.maxSide && bounds) {
      pixelRatio = Math.min(pixelRatio, options.maxSide / (Math.max(bounds.w, bounds.h) + 64))
    }
    const image = await editor.toImage(ids, {
      format: options.raster ?? 'png',
      quality: 0.85,
      background: true,
      padding: 32,
      pixelRatio,
    })
    return { svg: '', png: image.blob, width: image.width, height: image.height }
  } finally {
    editor.dispose()
    container.remove()
  }
}
