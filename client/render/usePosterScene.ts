/**
 * A poster's live scene for the SVG renderer: one read-only live document turned into
 * drawables, rebuilt when the document changes. Used by the wall tiles, the presenter, the
 * screen and the voting panel.
 */
import { useMemo } from 'react'
import type { JsonRecord } from '../../shared/docLayout'
import { posterDocName } from '../../shared/docNames'
import { useLiveDoc } from '../live/useLiveDoc'
import { buildPosterScene, type PosterScene, type SceneCache } from './posterScene'

const EMPTY: ReadonlyMap<string, JsonRecord> = new Map()

/** The frames of a scene (question areas), in paint order. */
export function framesOf(scene: PosterScene) {
  return scene.items.filter((d) => d.kind === 'frame')
}

/** React hook: the live scene of a poster (or of another poster document, such as a synthesis, by `docName`). */
export function usePosterScene(
  posterId: string | null,
  token: string | null,
  throttleMs = 100,
  docName?: string,
  /** The poster's records as fetched beforehand, drawn until the live connection syncs. */
  initialRecords?: readonly JsonRecord[],
) {
  const { live, state } = useLiveDoc(
    docName ?? (posterId ? posterDocName(posterId) : null),
    token,
    throttleMs,
    initialRecords,
  )
  const cache = useMemo<SceneCache>(() => new WeakMap(), [])
  // biome-ignore lint/correctness/useExhaustiveDependencies: state.version marks a change of the document
  const scene = useMemo(
    () => (live ? buildPosterScene(live.records(), cache) : { items: [], bounds: null }),
    [live, state.version, cache],
  )
  // The reading view reads the records themselves (the same map, changed in place: see state.version).
  const records: ReadonlyMap<string, JsonRecord> = live?.records() ?? EMPTY
  return { scene, state, records, awareness: live?.awareness ?? null }
}
