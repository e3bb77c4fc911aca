/**
 * The editable form state of a workshop (start page and setup page) and its conversion to
 * and from the API's shapes. Rounds and tables carry a local `key` so React can track rows
 * while they are added, removed and reordered, and so "start from round N" survives edits.
 */
import type {
  CreateWorkshopRequest,
  Language,
  RoundInput,
  TableInput,
  TemplateName,
  UpdateWorkshopRequest,
  WorkshopView,
} from '../../shared/api'

/** A round being edited. */
export interface RoundDraft {
  key: string
  id?: string
  title: string
  questions: string[]
  template: TemplateName
  minutes: number
  /** Key of an earlier round whose posters this round starts from, or '' for none. */
  copyFrom: string
}

/** A table being edited. */
export interface TableDraft {
  key: string
  id?: string
  name: string
  colour?: TableInput['colour']
}

/** The whole form. */
export interface WorkshopDraft {
  title: string
  date: string
  place: string
  language: Language
  /** Notes carry no author names in exports and on other people's screens. */
  anonymousNotes: boolean
  rounds: RoundDraft[]
  tables: TableDraft[]
}

/** Templates in the order the form offers them. */
export const TEMPLATES: TemplateName[] = [
  'questions',
  'asis-tobe',
  'collaboration-plan',
  'staircase',
  'blank',
]

let counter = 0
/** A key unique within this page. */
export function newKey(): string {
  counter += 1
  return `k${counter}`
}

/** A fresh round with one empty question. */
export function newRound(n: number, lang: Language): RoundDraft {
  return {
    key: newKey(),
    title: lang === 'da' ? `Gruppearbejde ${n}` : `Group work ${n}`,
    questions: [''],
    template: 'questions',
    minutes: 30,
    copyFrom: '',
  }
}

/** A table row; the name may stay empty (the server names it "Bord N" / "Table N"). */
export function newTable(): TableDraft {
  return { key: newKey(), name: '' }
}

/** Today's date as `YYYY-MM-DD` in local time. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/** The form of a new workshop: one round, four tables. */
export function emptyDraft(lang: Language): WorkshopDraft {
  return {
    title: '',
    date: today(),
    place: '',
    language: lang,
    anonymousNotes: false,
    rounds: [newRound(1, lang)],
    tables: [newTable(), newTable(), newTable(), newTable()],
  }
}

/** Grows or shrinks the table list to `count` rows, keeping the first ones. */
export function resizeTables(tables: TableDraft[], count: number): TableDraft[] {
  const n = Math.max(1, Math.min(40, Math.floor(count) || 1))
  if (n <= tables.length) return tables.slice(0, n)
  return [...tables, ...Array.from({ length: n - tables.length }, newTable)]
}

function roundsToInput(rounds: RoundDraft[]): RoundInput[] {
  return rounds.map((r) => {
    const from = r.copyFrom ? rounds.findIndex((x) => x.key === r.copyFrom) : -1
    const input: RoundInput = {
      title: r.title.trim(),
      questions: r.questions.map((q) => q.trim()).filter(Boolean),
      template: r.template,
      minutes: r.minutes,
    }
    if (r.id) input.id = r.id
    if (from >= 0 && from < rounds.indexOf(r)) input.copyFromRound = from
    return input
  })
}

function tablesToInput(tables: TableDraft[]): TableInput[] {
  return tables.map((t) => {
    const input: TableInput = {}
    if (t.id) input.id = t.id
    if (t.name.trim()) input.name = t.name.trim()
    if (t.colour) input.colour = t.colour
    return input
  })
}

/** The body of `POST /api/workshops`: a plain table count when no table is named. */
export function draftToCreateRequest(d: WorkshopDraft): CreateWorkshopRequest {
  const named = d.tables.some((t) => t.name.trim())
  return {
    title: d.title.trim(),
    date: d.date,
    place: d.place.trim(),
    language: d.language,
    anonymousNotes: d.anonymousNotes,
    rounds: roundsToInput(d.rounds),
    tables: named ? tablesToInput(d.tables) : d.tables.length,
  }
}

/** The body of `PATCH /api/workshops/:id`. */
export function draftToUpdateRequest(d: WorkshopDraft): UpdateWorkshopRequest {
  return {
    title: d.title.trim(),
    date: d.date,
    place: d.place.trim(),
    language: d.language,
    anonymousNotes: d.anonymousNotes,
    rounds: roundsToInput(d.rounds),
    tables: tablesToInput(d.tables),
  }
}

/** The form state of an existing workshop. */
export function draftFromWorkshop(w: WorkshopView): WorkshopDraft {
  const keys = new Map(w.rounds.map((r) => [r.id, newKey()]))
  return {
    title: w.title,
    date: w.date,
    place: w.place,
    language: w.language,
    anonymousNotes: w.anonymousNotes,
    rounds: [...w.rounds]
      .sort((a, b) => a.index - b.index)
      .map((r) => ({
        key: keys.get(r.id)!,
        id: r.id,
        title: r.title,
        questions: r.questions.length ? [...r.questions] : [''],
        template: r.template,
        minutes: r.minutes,
        copyFrom: r.copyFromRoundId ? (keys.get(r.copyFromRoundId) ?? '') : '',
      })),
    tables: [...w.tables]
      .sort((a, b) => a.number - b.number)
      .map((t) => ({ key: newKey(), id: t.id, name: t.name, colour: t.colour })),
  }
}
