/**
 * Wire types of a workshop series: homework between two workshops, and a follow-up workshop
 * that starts from the groups and posters of the one before it. Used by the server routes
 * (server/series/) and the set-up, wall and archive pages.
 */
import { z } from 'zod'
import {
  type CreateWorkshopResponse,
  copyFromEarlierRounds,
  createWorkshopRequestSchema,
  MAX_QUESTIONS,
  MAX_TABLES,
} from './api'

/**
 * What `POST /api/import` answers: the imported workshop, or for a series archive its first
 * workshop with `series`, every workshop of the series in order (each with its new keys).
 */
export type ImportedArchive = CreateWorkshopResponse & { series?: CreateWorkshopResponse[] }

/** Longest homework period: a series runs a few months at most. */
export const MAX_HOMEWORK_DAYS = 180

/** `POST /api/workshops/:id/homework` (organizer): opens homework on every group's poster. */
export const openHomeworkRequestSchema = z.object({
  /** Title of the homework round ("Hjemmearbejde" when absent). */
  title: z.string().trim().min(1).max(200).optional(),
  /** What the groups are asked to do; each becomes a frame on their poster. */
  questions: z.array(z.string().trim().min(1).max(500)).max(MAX_QUESTIONS).default([]),
  /** When the homework closes (ISO time); the server refuses writing from then on. */
  closesAt: z.iso.datetime({ offset: true }),
})
/** Body of `POST /api/workshops/:id/homework`. */
export type OpenHomeworkRequest = z.input<typeof openHomeworkRequestSchema>

/** An open or closed homework period of a workshop. */
export const homeworkViewSchema = z.object({
  roundId: z.string(),
  title: z.string(),
  questions: z.array(z.string()),
  /** ISO times. */
  opensAt: z.string(),
  closesAt: z.string(),
  /** Whether the period is over (by the server's clock). */
  closed: z.boolean(),
})
/** A homework period. */
export type HomeworkView = z.infer<typeof homeworkViewSchema>

/** What a group did during the homework. */
export const homeworkChangesSchema = z.object({
  tableId: z.string(),
  posterId: z.string(),
  /** Notes written since the homework opened. */
  added: z.number().int(),
  /** Notes from the workshop whose text changed. */
  edited: z.number().int(),
  /** Notes from the workshop that were removed. */
  removed: z.number().int(),
  /** Who wrote or edited (empty when the workshop's notes are anonymous). */
  authors: z.array(z.string()),
  /** Shape ids of the notes written or edited since the homework opened (for highlighting). */
  changedShapeIds: z.array(z.string()),
})
/** What a group did during the homework. */
export type HomeworkChanges = z.infer<typeof homeworkChangesSchema>

/** `GET /api/workshops/:id/homework` (organizer, facilitator). */
export const homeworkStatusSchema = z.object({
  homework: homeworkViewSchema.nullable(),
  tables: z.array(homeworkChangesSchema),
  /** The organizer may have the server send the letters (the server has an SMTP setting). */
  canSendMail: z.boolean().optional(),
})

/** Most addresses one group's letter goes to. */
export const MAX_LETTER_RECIPIENTS = 30

/**
 * `POST /api/workshops/:id/homework/letters` (organizer, server with SMTP): sends each listed
 * group its homework letter, in `lang`, with the deadline in `timeZone`.
 */
export const sendLettersRequestSchema = z.object({
  lang: z.enum(['da', 'en']),
  /** IANA time zone of the deadline as written in the letter (the organizer's). */
  timeZone: z.string().min(1).max(64).optional(),
  letters: z
    .array(
      z.object({
        tableId: z.string().min(1).max(64),
        to: z.array(z.email().max(254)).min(1).max(MAX_LETTER_RECIPIENTS),
      }),
    )
    .min(1)
    .max(MAX_TABLES),
})
/** Body of `POST /api/workshops/:id/homework/letters`. */
export type SendLettersRequest = z.input<typeof sendLettersRequestSchema>

/** What `POST /api/workshops/:id/homework/letters` sent: every letter, to whom. */
export const sendLettersResponseSchema = z.object({
  sent: z.array(z.object({ tableId: z.string(), to: z.array(z.string()) })),
})
/** Answer of `POST /api/workshops/:id/homework/letters`. */
export type SendLettersResponse = z.infer<typeof sendLettersResponseSchema>
/** The homework of a workshop and what each group did. */
export type HomeworkStatus = z.infer<typeof homeworkStatusSchema>

/**
 * `POST /api/workshops/:id/follow-up` (organizer of the earlier workshop): a new workshop that
 * starts from this one's groups and last posters.
 */
export const followUpRequestSchema = z
  .object({
    ...createWorkshopRequestSchema.shape,
    /** Tables of the new workshop; by default the earlier workshop's groups, same names and colours. */
    tables: createWorkshopRequestSchema.shape.tables.optional(),
    /**
     * Regrouping: for each table of the earlier workshop (in number order), the number (1-based)
     * of the new table whose first poster starts from its last poster. By default table N → N.
     */
    groups: z.array(z.number().int().min(1).max(MAX_TABLES)).max(MAX_TABLES).optional(),
  })
  .superRefine(copyFromEarlierRounds)
/** Body of `POST /api/workshops/:id/follow-up`. */
export type FollowUpRequest = z.input<typeof followUpRequestSchema>

/** One workshop of a series, in order. */
export const seriesEntrySchema = z.object({
  workshopId: z.string(),
  title: z.string(),
  date: z.string(),
  place: z.string(),
  /** Homework that followed this workshop, if any. */
  homework: homeworkViewSchema.nullable(),
})
/** One workshop of a series. */
export type SeriesEntry = z.infer<typeof seriesEntrySchema>

/** `GET /api/workshops/:id/series` (organizer, facilitator): the series the workshop belongs to. */
export const seriesViewSchema = z.object({
  seriesId: z.string(),
  /** Every workshop of the series, earliest first (the one asked about included). */
  workshops: z.array(seriesEntrySchema),
})
/** A workshop series. */
export type SeriesView = z.infer<typeof seriesViewSchema>
