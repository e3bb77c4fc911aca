/** Reads CPU time and memory of a process from /proc (Linux), without its cooperation. */
import { readFileSync } from 'node:fs'

const CLOCK_TICKS_PER_SECOND = 100

/** The fields of `/proc/<pid>/stat` after the command name: [0] state, [1] parent pid, … */
export function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name may contain spaces; fields after its closing parenthesis are fixed.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')
}

/** User and system (kernel: sockets, files) CPU seconds the process has used so far. */
export function cpuTimes(pid: number): { user: number; system: number } {
  const fields = statFields(pid)
  return {
    user: Number(fields[11]) / CLOCK_TICKS_PER_SECOND,
    system: Number(fields[12]) / CLOCK_TICKS_PER_SECOND,
  }
}

/** User + system CPU seconds the process has used so far. */
export function cpuSeconds(pid: number): number {
  const { user, system } = cpuTimes(pid)
  return user + system
}

/** Current and peak resident set size in bytes. */
export function memory(pid: number): { rss: number; peakRss: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024
  return { rss: kb('VmRSS'), peakRss: kb('VmHWM') }
}
