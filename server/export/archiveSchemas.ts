/**
 * What an import accepts: the manifest and `workshop.json` of a workshop archive, checked
 * field by field so a damaged or hand-edited file is refused with a message naming the field.
 */
import { z } from 'zod'
import {
  dateSchema,
  languageSchema,
  roundPhaseSchema,
  tableColourSchema,
  templateSchema,
} from '../../shared/api'
import { ARCHIVE_FORMAT } from './workshopZip'

/** `manifest.json`. */
export const archiveManifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.number().int().min(1),
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
})

/** An entity id as Plenum writes them. */
const idSchema = z.string().regex(/^[A-Za-z0-9]{1,64}$/)

/** `workshop.json`. */
export const archiveWorkshopSchema = z.object({
  workshop: z.object({
    title: z.string().trim().min(1).max(200),
    date: dateSchema,
    place: z.string().max(200),
    language: languageSchema,
    anonymousNotes: z.boolean(),
    currentRoundId: idSchema.nullable(),
  }),
  rounds: z
    .array(
      z.object({
        id: idSchema,
        index: z.number().int().min(0),
        title: z.string().trim().min(1).max(200),
        questions: z.array(z.string().max(500)).max(12),
        template: templateSchema,
        minutes: z.number().int().min(1).max(600),
        copyFromRoundId: idSchema.nullable(),
        phase: roundPhaseSchema,
      }),
    )
    .min(1)
    .max(20),
  tables: z
    .array(
      z.object({
        id: idSchema,
        number: z.number().int().min(1),
        name: z.string().min(1).max(80),
        colour: tableColourSchema,
      }),
    )
    .min(1)
    .max(40),
  posters: z.array(z.object({ id: idSchema, roundId: idSchema, tableId: idSchema })),
  votes: z.record(z.string(), z.record(z.string(), z.number().int().min(0).max(10_000))).default({}),
  snapshots: z
    .array(
      z.object({
        id: idSchema,
        posterId: idSchema,
        roundId: idSchema,
        tableId: idSchema,
        reason: z.enum(['manual', 'lock', 'present', 'import']),
        createdAt: z.string(),
      }),
    )
    .default([]),
})
