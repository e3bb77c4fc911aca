/**
 * Schemas and types of Plenum's HTTP API (JSON under `/api`), shared by the server (which
 * validates with them and derives `/api/openapi.json` from them) and the client (which types
 * its requests with them). Auth: `Authorization: Bearer <organizer/facilitator/screen key or
 * participant token>`.
 */
import { z } from 'zod'

/** Languages a workshop can run in; decides table names and template titles. */
export const languageSchema = z.enum(['da', 'en'])
/** A workshop language. */
export type Language = z.infer<typeof languageSchema>

/** Poster templates a round can use. */
export const templateSchema = z.enum(['questions', 'asis-tobe', 'collaboration-plan', 'staircase', 'blank'])
/** A poster template name. */
export type TemplateName = z.infer<typeof templateSchema>

/** Phases of a round, in order; the phase machine itself lives in `shared/rounds.ts`. */
export const roundPhaseSchema = z.enum([
  'draft',
  'writing',
  'private',
  'reveal',
  'voting',
  'locked',
  'presented',
  'closed',
])
/** A round phase. */
export type RoundPhase = z.infer<typeof roundPhaseSchema>

/** Table colours offered by the setup page (tldraw's palette names, so notes can match). */
export const tableColourSchema = z.enum([
  'blue',
  'green',
  'orange',
  'red',
  'violet',
  'yellow',
  'light-blue',
  'light-green',
  'light-red',
  'light-violet',
  'grey',
  'black',
])
/** A table colour. */
export type TableColour = z.infer<typeof tableColourSchema>

/** Most rounds per workshop. */
export const MAX_ROUNDS = 20
/** Most tables per workshop. */
export const MAX_TABLES = 40
/** Most questions per round. */
export const MAX_QUESTIONS = 12

const text = (max: number) => z.string().trim().min(1).max(max)

/** A round as sent by the organizer when creating or editing a workshop. */
export const roundInputSchema = z.object({
  /** Existing round id when editing; absent for a new round. */
  id: z.string().min(1).max(64).optional(),
  title: text(200),
  questions: z.array(text(500)).max(MAX_QUESTIONS).default([]),
  template: templateSchema.default('questions'),
  /** Planned length of the writing phase, in minutes. */
  minutes: z.number().int().min(1).max(600).default(20),
  /** Index (0-based, within this request's `rounds`) of an earlier round whose posters this round's posters start from. */
  copyFromRound: z
    .number()
    .int()
    .min(0)
    .max(MAX_ROUNDS - 1)
    .optional(),
})
/** A round as sent by the organizer. */
export type RoundInput = z.input<typeof roundInputSchema>

/** A table as sent by the organizer; name defaults to "Bord N" / "Table N". */
export const tableInputSchema = z.object({
  /** Existing table id when editing; absent for a new table. */
  id: z.string().min(1).max(64).optional(),
  name: text(80).optional(),
  colour: tableColourSchema.optional(),
})
/** A table as sent by the organizer. */
export type TableInput = z.input<typeof tableInputSchema>

/** Date of the workshop, `YYYY-MM-DD`. */
export const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD')
  .refine((d) => {
    const parsed = new Date(`${d}T00:00:00Z`)
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(d)
  }, 'date is not a day of the calendar')

/** Refinement of a request with rounds: a round may only start from the posters of an earlier one. */
export function copyFromEarlierRounds(
  value: { rounds: Array<{ copyFromRound?: number }> },
  ctx: z.RefinementCtx,
): void {
  value.rounds.forEach((round, i) => {
    if (round.copyFromRound !== undefined && round.copyFromRound >= i) {
      ctx.addIssue({
        code: 'custom',
        path: ['rounds', i, 'copyFromRound'],
        message: 'copyFromRound must name an earlier round',
      })
    }
  })
}

/** `POST /api/workshops`: a workshop with its rounds and tables in one call. */
export const createWorkshopRequestSchema = z
  .object({
    title: text(200),
    date: dateSchema,
    place: z.string().trim().max(200).default(''),
    language: languageSchema.default('da'),
    /** When true, notes carry no author names. */
    anonymousNotes: z.boolean().default(false),
    rounds: z.array(roundInputSchema).min(1).max(MAX_ROUNDS),
    /** A number of tables (named and coloured automatically) or the tables themselves. */
    tables: z.union([
      z.number().int().min(1).max(MAX_TABLES),
      z.array(tableInputSchema).min(1).max(MAX_TABLES),
    ]),
  })
  .superRefine(copyFromEarlierRounds)
/** Body of `POST /api/workshops`. */
export type CreateWorkshopRequest = z.input<typeof createWorkshopRequestSchema>
/** `CreateWorkshopRequest` after defaults are applied. */
export type CreateWorkshopInput = z.output<typeof createWorkshopRequestSchema>

/** A table as the organizer sees it: with its join code and join link. */
export const tableViewSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  name: z.string(),
  colour: tableColourSchema,
  joinCode: z.string(),
  joinUrl: z.string(),
})
/** A table with its join code. */
export type TableView = z.infer<typeof tableViewSchema>

/** Response of `POST /api/workshops`. Keys are shown once: only their hashes are stored. */
export const createWorkshopResponseSchema = z.object({
  workshopId: z.string(),
  /** Short workshop code participants type on `/join`. */
  code: z.string(),
  /** Links with the key in the fragment (`#k=…`). */
  organizerUrl: z.string(),
  facilitatorUrl: z.string(),
  screenUrl: z.string(),
  organizerKey: z.string(),
  facilitatorKey: z.string(),
  screenKey: z.string(),
  tables: z.array(tableViewSchema),
})
/** Response of `POST /api/workshops`. */
export type CreateWorkshopResponse = z.infer<typeof createWorkshopResponseSchema>

/** Roles whose key the organizer can re-issue (`POST /api/workshops/:id/keys/:role`). */
export const rotatableRoleSchema = z.enum(['facilitator', 'screen'])
/** A role whose key can be re-issued. */
export type RotatableRole = z.infer<typeof rotatableRoleSchema>

/** Response of `POST /api/workshops/:id/keys/:role`: the new key; the previous one no longer works. */
export const rotatedKeySchema = z.object({
  role: rotatableRoleSchema,
  key: z.string(),
  /** The role's link with the new key in the fragment (`#k=…`). */
  url: z.string(),
})
/** A re-issued key and its link. */
export type RotatedKey = z.infer<typeof rotatedKeySchema>

/** A poster: one per round × table. */
export const posterViewSchema = z.object({
  id: z.string(),
  roundId: z.string(),
  tableId: z.string(),
  /** Sync document name, `p-<id>`. */
  docName: z.string(),
})
/** A poster. */
export type PosterView = z.infer<typeof posterViewSchema>

/** A round as stored. */
export const roundViewSchema = z.object({
  id: z.string(),
  index: z.number().int(),
  title: z.string(),
  questions: z.array(z.string()),
  template: templateSchema,
  minutes: z.number().int(),
  /** Id of the round whose posters this round's posters started from. */
  copyFromRoundId: z.string().nullable(),
  phase: roundPhaseSchema,
})
/** A round. */
export type RoundView = z.infer<typeof roundViewSchema>

/** `GET /api/workshops/:id` (organizer, facilitator, screen): the whole workshop. */
export const workshopViewSchema = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  date: z.string(),
  place: z.string(),
  language: languageSchema,
  anonymousNotes: z.boolean(),
  createdAt: z.string(),
  /** Id of the round in progress (the one participants' links open), or null before the first. */
  currentRoundId: z.string().nullable(),
  /** Control document name, `w-<id>`. */
  controlDocName: z.string(),
  rounds: z.array(roundViewSchema),
  /** Join codes are only included for organizer and facilitator. */
  tables: z.array(tableViewSchema.partial({ joinCode: true, joinUrl: true })),
  posters: z.array(posterViewSchema),
  /** The role the request was made with. */
  role: z.enum(['organizer', 'facilitator', 'screen', 'participant']),
})
/** A workshop with rounds, tables and posters. */
export type WorkshopView = z.infer<typeof workshopViewSchema>

/** `PATCH /api/workshops/:id` (organizer): every field optional; `rounds`/`tables` replace the lists (entries with `id` are kept and edited, without are added, missing ones removed). */
export const updateWorkshopRequestSchema = z.object({
  title: text(200).optional(),
  date: dateSchema.optional(),
  place: z.string().trim().max(200).optional(),
  language: languageSchema.optional(),
  anonymousNotes: z.boolean().optional(),
  rounds: z.array(roundInputSchema).min(1).max(MAX_ROUNDS).optional(),
  tables: z.array(tableInputSchema).min(1).max(MAX_TABLES).optional(),
})
/** Body of `PATCH /api/workshops/:id`. */
export type UpdateWorkshopRequest = z.input<typeof updateWorkshopRequestSchema>

/** `GET /api/join/:code` and `GET /api/workshops/:id/public`: what the join page may show. */
export const publicWorkshopSchema = z.object({
  workshopId: z.string(),
  title: z.string(),
  date: z.string(),
  place: z.string(),
  language: languageSchema,
  tables: z.array(
    z.object({ id: z.string(), number: z.number().int(), name: z.string(), colour: tableColourSchema }),
  ),
  /** Set when the code was a table join code: the table it opens. */
  tableId: z.string().nullable(),
})
/** Public facts about a workshop for the join page. */
export type PublicWorkshop = z.infer<typeof publicWorkshopSchema>

/** `POST /api/join`: a table join code (or the workshop code plus `tableId`) and a name. */
export const joinRequestSchema = z.object({
  code: z
    .string()
    .trim()
    .min(4)
    .max(16)
    .transform((s) => s.toUpperCase().replace(/[\s-]/g, '')),
  tableId: z.string().min(1).max(64).optional(),
  name: text(60),
})
/** Body of `POST /api/join`. */
export type JoinRequest = z.input<typeof joinRequestSchema>

/** Response of `POST /api/join`. The token opens the table's posters; keep it per workshop. */
export const joinResponseSchema = z.object({
  token: z.string(),
  participantId: z.string(),
  workshopId: z.string(),
  tableId: z.string(),
  tableName: z.string(),
  /** Poster of the current round (or the first round before the workshop starts). */
  posterDocName: z.string(),
  roundId: z.string(),
})
/** Response of `POST /api/join`. */
export type JoinResponse = z.infer<typeof joinResponseSchema>

/** `GET /api/me` with a participant token: who the token belongs to (restores a session). */
export const participantViewSchema = z.object({
  participantId: z.string(),
  name: z.string(),
  workshopId: z.string(),
  tableId: z.string(),
  tableName: z.string(),
})
/** A participant. */
export type ParticipantView = z.infer<typeof participantViewSchema>

/** Body of every error response (400, 401, 403, 404, 429, 500). */
export const errorBodySchema = z.object({
  error: z.string(),
  /** Dotted path of the offending input field, for 400 responses. */
  field: z.string().optional(),
})
/** An error response body. */
export type ErrorBody = z.infer<typeof errorBodySchema>

/** `GET /api/server`: what the start page must know about this server. */
export interface ServerInfo {
  /** Creating or importing a workshop needs the creation key (sent as a bearer token). */
  createKeyRequired: boolean
  /** Free sandbox posters are on. */
  sandbox: boolean
  /** Days a workshop is kept after its date before it is deleted (RETENTION_DAYS), or null. */
  retentionDays: number | null
}

/** Client URL paths, so links are built in one place. */
export const clientPaths = {
  setup: (workshopId: string) => `/w/${workshopId}/setup`,
  archive: (workshopId: string) => `/w/${workshopId}/archive`,
  wall: (workshopId: string) => `/w/${workshopId}/wall`,
  present: (workshopId: string) => `/w/${workshopId}/present`,
  screen: (workshopId: string) => `/w/${workshopId}/screen`,
  join: (tableCode?: string) => (tableCode ? `/join/${tableCode}` : '/join'),
  table: (workshopId: string, tableId: string) => `/w/${workshopId}/t/${tableId}`,
  notes: (workshopId: string, tableId: string) => `/w/${workshopId}/t/${tableId}/notes`,
} as const
