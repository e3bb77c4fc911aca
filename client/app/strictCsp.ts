/**
 * Imported first by the client entry. Zod compiles validators with `new Function` when it may;
 * the pages' Content Security Policy forbids that (no 'unsafe-eval'), and the probe alone would
 * be reported as a violation, so Zod is told up front to validate without compiling.
 */
import { z } from 'zod'

z.config({ jitless: true })
