/**
 * The V8 settings the server runs with. V8 reads them when it sets up its heap, before any of
 * our code runs, so they go on node's command line: package.json's `start` and `serve` scripts
 * and the bench's Plenum process pass them (`scripts/nodeFlags.test.ts` keeps package.json in
 * step with this list).
 *
 * `--max-semi-space-size=4`: V8 lets the young generation grow to two 16 MB halves, and keeps
 * them resident once grown. The server's short-lived objects (a decoded frame, an encoded
 * reply) die within one message, so 4 MB halves hold them: about 25 MB less peak RSS under
 * load. 1 MB halves saved no more memory but made the collector run so often that CPU per
 * delivered message rose by about a third on a quiet machine (bench/README.md).
 */
export const serverNodeFlags: readonly string[] = ['--max-semi-space-size=4']
