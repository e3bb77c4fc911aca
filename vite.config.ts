import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const serverPort = Number(process.env.PLENUM_SERVER_PORT ?? 8080)

export default defineConfig({
  root: 'client',
  publicDir: 'public',
  plugins: [react()],
  // TLDRAW_LICENSE_KEY (and VITE_TLDRAW_LICENSE_KEY) reach the client at build time.
  envPrefix: ['VITE_', 'TLDRAW_'],
  // tldraw's asset package imports its fonts, icons and translations with `?url`, which the
  // dev server's dependency pre-bundler cannot follow; serve it as plain modules instead.
  optimizeDeps: { exclude: ['@tldraw/assets'] },
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 4000,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': `http://127.0.0.1:${serverPort}`,
      '/sync': { target: `ws://127.0.0.1:${serverPort}`, ws: true },
    },
  },
  test: {
    root: '.',
    include: ['{client,server,shared,bench,scripts}/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
})
