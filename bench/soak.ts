/**
 * Soak: 400 clients (50 rooms × 8) on one Plenum instance for a long time (default 10 min),
 * to show memory levels off rather than growing with the number of edits.
 */
import { runLoad } from './lib/loadRun'
import { ServerProcess } from './lib/ServerProcess'
import { round } from './lib/stats'

/**
 * The soak's load: an edit every 2 s and cursors at 2 Hz per client, a busy workshop hour
 * (sustained, unlike the burst profiles), so memory is measured without a growing backlog.
 */
export const SOAK_LOAD = { rooms: 50, clientsPerRoom: 8, editsPerSecond: 0.5, cursorHz: 2 }

/** Runs the soak and prints RSS at start and end. */
export async function runSoak(durationSec: number) {
  console.log(
    `Soak: ${SOAK_LOAD.rooms * SOAK_LOAD.clientsPerRoom} clients on one Plenum instance for ${durationSec} s`,
  )
  const { rooms, clientsPerRoom, editsPerSecond, cursorHz } = SOAK_LOAD
  const nominalOps = rooms * clientsPerRoom * (editsPerSecond + cursorHz) * durationSec
  const server = await ServerProcess.start('plenum')
  try {
    const result = await runLoad([server], {
      ...SOAK_LOAD,
      durationSec,
      workers: 2,
      runId: `soak${Date.now()}`,
    })
    console.log(
      `  RSS at start ${round(result.startRssMb)} MB, at end ${round(result.endRssMb)} MB, peak ${round(result.peakRssMb)} MB; ` +
        `edit p50 ${round(result.edit.p50)} ms p99 ${round(result.edit.p99)} ms; CPU ${round(result.cpuSeconds, 1)} s; ` +
        `converged ${result.roomsConverged}/${result.rooms}; ops ${result.opsSent} ` +
        `(${Math.round((result.opsSent / nominalOps) * 100)}% of nominal)`,
    )
    console.log(`  RSS timeline (s, MB): ${result.rssTimeline.map(([t, mb]) => `${t}:${mb}`).join(' ')}`)
    return { load: SOAK_LOAD, durationSec, ...result }
  } finally {
    await server.stop()
  }
}
