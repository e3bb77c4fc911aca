/**
 * The route table of the client.
 *
 * Adding a page is ONE line here:
 *
 *   { path: '/w/:workshopId/wall', title: { da: 'Væg', en: 'Wall' }, page: () => import('../wall/WallPage') },
 *
 * - `path`: literal segments and `:name` captures (one segment each, URL-decoded into
 *   `params.name`). Routes are tried in order; the first match wins, so list specific paths
 *   before general ones.
 * - `page`: a dynamic import of a module whose **default export** is a component taking
 *   `PageProps` (`{ params }`). It is loaded only when the route is visited, so every page is
 *   its own chunk and the heavy canvas (tldraw) never loads on light pages such as /join.
 * - `title`: the document title per language while the route shows; a page can refine it
 *   with `usePageTitle`.
 * - `prefetch` (optional): starts the page's first requests while its chunk loads; keep what
 *   it imports tiny, it is part of the entry chunk (`prefetch.ts`).
 * Secrets travel in the URL fragment (`#k=…`): read them with `readFragmentParam('k')`.
 * Unmatched paths show the not-found page.
 */
import { prefetchWall } from '../wall/wallPrefetch'
import type { RouteDef } from './matchRoute'

/** Every client route, tried in order. */
export const routes: RouteDef[] = [
  // (routes are added by each feature; see the convention above)
  { path: '/', title: { da: 'Plenum', en: 'Plenum' }, page: () => import('../start/StartPage') },
  {
    path: '/w/:workshopId/setup',
    title: { da: 'Opsætning', en: 'Set-up' },
    page: () => import('../setup/SetupPage'),
  },
  { path: '/join', title: { da: 'Deltag', en: 'Join' }, page: () => import('../join/JoinPage') },
  { path: '/join/:tableCode', title: { da: 'Deltag', en: 'Join' }, page: () => import('../join/JoinPage') },
  {
    path: '/w/:workshopId/t/:tableId/notes',
    title: { da: 'Noter', en: 'Notes' },
    page: () => import('../notes/NotesPage'),
  },
  {
    path: '/w/:workshopId/t/:tableId',
    title: { da: 'Plakat', en: 'Poster' },
    page: () => import('../join/TablePage'),
  },
  {
    path: '/p/:docName',
    title: { da: 'Plakat', en: 'Poster' },
    page: () => import('../poster/SandboxPosterPage'),
  },
  {
    path: '/w/:workshopId/wall',
    title: { da: 'Væg', en: 'Wall' },
    page: () => import('../wall/WallPage'),
    prefetch: prefetchWall,
  },
  {
    path: '/w/:workshopId/present',
    title: { da: 'Præsentation', en: 'Presenter' },
    page: () => import('../present/PresentPage'),
  },
  {
    path: '/w/:workshopId/synthesis/:roundId',
    title: { da: 'Opsamling', en: 'Synthesis' },
    page: () => import('../synthesis/SynthesisPage'),
  },
  {
    path: '/w/:workshopId/screen',
    title: { da: 'Skærm', en: 'Screen' },
    page: () => import('../present/ScreenPage'),
  },
  {
    path: '/w/:workshopId/archive',
    title: { da: 'Arkiv', en: 'Archive' },
    page: () => import('../archive/ArchivePage'),
  },
]
