/**
 * The retention rule: with RETENTION_DAYS = N a workshop dated D is kept through D + N days
 * and deleted on the day after. One function for the server's sweep and the set-up page.
 */

/** The day (YYYY-MM-DD) a workshop dated `date` is deleted, or null without a retention period. */
export function deletionDate(date: string, retentionDays: number | null): string | null {
  if (retentionDays === null) return null
  const day = new Date(`${date}T00:00:00Z`)
  if (Number.isNaN(day.getTime())) return null
  day.setUTCDate(day.getUTCDate() + retentionDays + 1)
  return day.toISOString().slice(0, 10)
}

/** Workshops dated before this day (YYYY-MM-DD) are due for deletion on `today`. */
export function dueBefore(today: Date, retentionDays: number): string {
  const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()))
  day.setUTCDate(day.getUTCDate() - retentionDays)
  return day.toISOString().slice(0, 10)
}
