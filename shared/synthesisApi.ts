/**
 * Request and response shapes of the synthesis routes (`/workshops/:id/synthesis/:roundId/…`):
 * listing a round's notes, pulling copies into the synthesis poster, suggesting themes,
 * accepting one, opening the poster to participants and showing it on the screen.
 */
import { z } from 'zod'

/** Paths of the synthesis routes. */
export const synthesisPaths = {
  base: (w: string, r: string) => `/workshops/${w}/synthesis/${r}`,
  notes: (w: string, r: string) => `/workshops/${w}/synthesis/${r}/notes`,
  pull: (w: string, r: string) => `/workshops/${w}/synthesis/${r}/pull`,
  suggest: (w: string, r: string) => `/workshops/${w}/synthesis/${r}/suggest`,
  themes: (w: string, r: string) => `/workshops/${w}/synthesis/${r}/themes`,
  open: (w: string, r: string) => `/workshops/${w}/synthesis/${r}/open`,
  present: (w: string, r: string) => `/workshops/${w}/synthesis/${r}/present`,
}

/** A note on a table's poster. */
export const noteRefSchema = z.object({
  posterId: z.string().min(1).max(64),
  noteId: z.string().min(1).max(128),
})

/** A reference to a note on a table's poster. */
export type NoteRef = z.infer<typeof noteRefSchema>

/** `POST …/pull`: the notes to copy, or every note of a question (and optionally one table). */
export const pullRequestSchema = z
  .object({
    notes: z.array(noteRefSchema).max(2000).optional(),
    question: z.number().int().min(0).max(50).optional(),
    tableId: z.string().min(1).max(64).optional(),
  })
  .refine((b) => b.notes !== undefined || b.question !== undefined, {
    message: 'give notes, or a question to pull all its notes',
    path: ['notes'],
  })

/** `POST …/suggest`: themes across all notes of the round, or of one question. */
export const suggestRequestSchema = z.object({
  question: z.number().int().min(0).max(50).optional(),
  /** The organizer's own synonyms, lines of `label = word, word`. */
  lexicon: z.string().max(5000).optional(),
})

/** `POST …/themes`: accept a theme (its label as the facilitator left it) with its notes. */
export const acceptThemeRequestSchema = z.object({
  label: z.string().trim().min(1).max(120),
  notes: z.array(noteRefSchema).min(1).max(500),
})

/** `POST …/open`: open the synthesis poster to participants' writing, or close it. */
export const openRequestSchema = z.object({ open: z.boolean() })

/** A note of the round as the synthesis page lists it. */
export interface RoundNote extends NoteRef {
  text: string
  colour: string | null
  tableId: string
  tableName: string
  tableNumber: number
  questionIndex: number | null
  /** Whether a copy of it is on the synthesis poster already. */
  pulled: boolean
}

/** `GET …/notes`. */
export interface RoundNotesResponse {
  roundTitle: string
  questions: string[]
  notes: RoundNote[]
  /** Whether participants may write on the synthesis poster now. */
  open: boolean
}

/** A suggested theme: label words and the notes in it. */
export interface SuggestedThemeView {
  label: string
  terms: string[]
  notes: NoteRef[]
}

/** `POST …/suggest`. */
export interface SuggestResponse {
  themes: SuggestedThemeView[]
  unsorted: NoteRef[]
  /** Milliseconds the server spent. */
  tookMs: number
}

/** An accepted theme as the exports print it (report conclusions, notes JSON). */
export interface ConclusionTheme {
  roundId: string
  frameId: string
  label: string
  /** Dots the room put on the theme. */
  votes: number
  notes: {
    text: string
    /** Table the note was written at; null for a note written on the synthesis itself. */
    tableName: string | null
    /** Null when unknown or when the workshop's notes are anonymous. */
    authorName: string | null
    posterId: string | null
    noteId: string | null
  }[]
}
