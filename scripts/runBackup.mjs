#!/usr/bin/env node
/**
 * `npm run backup -- <file>`: runs the compiled backup command (`dist/server/backup.js`, built
 * from scripts/backup.ts like the server: when missing or stale, and esbuild is there), so it
 * needs no TypeScript loader and works after `npm ci --omit=dev`.
 */
import { pathToFileURL } from 'node:url'
import { backupOutfile, ensureServerBuilt } from './buildServer.mjs'

const built = ensureServerBuilt()
if (built !== 0) process.exit(built)
await import(pathToFileURL(backupOutfile).href)
