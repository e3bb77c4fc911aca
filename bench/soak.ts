/**
 * Soak: 400 clients (50 rooms × 8) on one Plenum instance for a long time (default 10 min),
 * to show memory levels off rather than growing with the number of edits.
 */
import { runLoad } from './lib/loadRun'
import { ServerProcess } from './lib/ServerProcess'
import { round } from './lib/stats'

/** The soak's load: 1 edit/s and 5 Hz cursors per client. */
export const SOAK_LOAD = { rooms: 50, clientsPerRoom: 8, editsPerSecond: 1, cursorHz: 5 }

/** Runs the soak and prints RSS at start and end. */
export async function runSoak(durationSec: number) {
  console.log(
    `Soak: ${SOAK_LOAD.rooms * SOAK_LOAD.clientsPerRoom} clients on one Plenum instance for ${durationSec} s`,
  )
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
        `converged ${result.roomsConverged}/${result.rooms}`,
    )
    console.log(`  RSS timeline (s, MB): ${result.rssTimeline.map(([t, mb]) => `${t}:${mb}`).join(' ')}`)
    return { load: SOAK_LOAD, durationSec, ...result }
  } finally {
    await server.stop()
  }
}
