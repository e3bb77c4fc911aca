/**
 * Memory of a group of processes (Linux): resident set summed, proportional set summed, and
 * the physical pages they hold counted once.
 *
 * Summed RSS counts a page every process maps, such as the Node binary's code that npm and the
 * server both run, once per process. Proportional set size splits a shared page between all
 * processes of the machine that map it, so it shrinks when unrelated Node processes run. The
 * distinct physical pages of the group (from /proc/<pid>/pagemap, readable by root) are the
 * memory the group holds together.
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs'
import { statFields } from './procStats'

const PAGE_SIZE = 4096
const PRESENT = 1n << 63n
const PFN_MASK = (1n << 55n) - 1n

/** A process of the group. */
export interface ProcessMemory {
  pid: number
  command: string
  rssBytes: number
  pssBytes: number
  /** Pages only this process maps. */
  privateBytes: number
}

/** The group's memory. */
export interface GroupMemory {
  processes: ProcessMemory[]
  rssBytes: number
  pssBytes: number
  /** Distinct physical pages of the group, in bytes; null where page frames cannot be read (not root). */
  uniqueBytes: number | null
}

/** The process and its descendants, parents first. */
export function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const ppid = Number(statFields(Number(entry))[1])
      const list = children.get(ppid) ?? []
      list.push(Number(entry))
      children.set(ppid, list)
    } catch {
      // The process ended while the list was read.
    }
  }
  const out: number[] = []
  const visit = (pid: number) => {
    out.push(pid)
    for (const child of children.get(pid) ?? []) visit(child)
  }
  visit(rootPid)
  return out
}

/** The process's summed memory figures (`/proc/<pid>/smaps_rollup`), read once. */
function rollup(pid: number): (field: string) => number {
  const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
  return (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024
}

/** Page frame numbers of every resident page of the process (0n entries when not readable). */
function framesOf(pid: number, into: Set<bigint>): boolean {
  let readable = false
  const fd = openSync(`/proc/${pid}/pagemap`, 'r')
  try {
    // smaps lists each mapping with its resident size; untouched reservations are skipped.
    const smaps = readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')
    for (let i = 0; i < smaps.length; i++) {
      const range = /^([0-9a-f]+)-([0-9a-f]+) /.exec(smaps[i])
      if (!range) continue
      const rss = Number(/^Rss:\s+(\d+) kB/m.exec(smaps.slice(i + 1, i + 8).join('\n'))?.[1] ?? 0)
      if (rss === 0) continue
      const first = Number.parseInt(range[1], 16) / PAGE_SIZE
      const pages = (Number.parseInt(range[2], 16) - Number.parseInt(range[1], 16)) / PAGE_SIZE
      const buffer = Buffer.alloc(pages * 8)
      readSync(fd, buffer, 0, buffer.length, first * 8)
      for (let p = 0; p < pages; p++) {
        const entry = buffer.readBigUInt64LE(p * 8)
        if ((entry & PRESENT) === 0n) continue
        const frame = entry & PFN_MASK
        if (frame === 0n) continue
        readable = true
        into.add(frame)
      }
    }
  } finally {
    closeSync(fd)
  }
  return readable
}

/** Measures the processes now. */
export function groupMemory(pids: number[]): GroupMemory {
  const processes = pids.map((pid) => {
    const kb = rollup(pid)
    return {
      pid,
      command: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim().slice(0, 60),
      rssBytes: kb('Rss'),
      pssBytes: kb('Pss'),
      privateBytes: kb('Private_Clean') + kb('Private_Dirty'),
    }
  })
  const frames = new Set<bigint>()
  let readable = true
  for (const pid of pids) readable = framesOf(pid, frames) && readable
  return {
    processes,
    rssBytes: processes.reduce((sum, p) => sum + p.rssBytes, 0),
    pssBytes: processes.reduce((sum, p) => sum + p.pssBytes, 0),
    uniqueBytes: readable ? frames.size * PAGE_SIZE : null,
  }
}
