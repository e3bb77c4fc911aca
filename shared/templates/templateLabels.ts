/**
 * Fixed texts of the poster templates in each workshop language. The collaboration plan's
 * columns follow the planning poster used in Danish municipalities' citizen-collaboration work.
 */
import type { Language } from '../api'

/** Texts a template needs, per language. */
export interface TemplateLabels {
  asIs: string
  toBe: string
  collaborationColumns: string[]
  step: (n: number) => string
  questions: string
}

/** The template texts of each language. */
export const templateLabels: Record<Language, TemplateLabels> = {
  da: {
    asIs: 'AS IS – sådan er det i dag',
    toBe: 'TO BE – sådan vil vi have det',
    collaborationColumns: [
      'Formål',
      'Målgrupper',
      'Budskaber',
      'Aktiviteter/Kanaler',
      'Tid',
      'Ressourcer',
      'Ansvarlig',
    ],
    step: (n) => `Trin ${n}`,
    questions: 'Spørgsmål',
  },
  en: {
    asIs: 'AS IS – how it is today',
    toBe: 'TO BE – how we want it',
    collaborationColumns: [
      'Purpose',
      'Target groups',
      'Messages',
      'Activities/Channels',
      'Time',
      'Resources',
      'Responsible',
    ],
    step: (n) => `Step ${n}`,
    questions: 'Questions',
  },
}
