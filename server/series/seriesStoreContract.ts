/**
 * The behaviour every `SeriesStore` adapter must have. Run by the SQLite unit test and the
 * PostgreSQL integration test.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SeriesStore } from './SeriesStore'

/** Runs the contract against stores made by `make` (a fresh, empty store each time). */
export function describeSeriesStoreContract(
  name: string,
  make: () => SeriesStore | Promise<SeriesStore>,
): void {
  describe(`SeriesStore contract (${name})`, () => {
    let store: SeriesStore
    beforeEach(async () => {
      store = await make()
      await store.init()
    })
    afterEach(async () => {
      await store.close()
    })

    it('links workshops into a series in order', async () => {
      await store.setLink({ workshopId: 'w1', previousWorkshopId: null, seriesId: 'w1' })
      await store.setLink({ workshopId: 'w2', previousWorkshopId: 'w1', seriesId: 'w1' })
      await store.setLink({ workshopId: 'x1', previousWorkshopId: null, seriesId: 'x1' })
      expect(await store.getLink('w2')).toEqual({
        workshopId: 'w2',
        previousWorkshopId: 'w1',
        seriesId: 'w1',
      })
      expect((await store.listSeries('w1')).map((l) => l.workshopId)).toEqual(['w1', 'w2'])
      expect(await store.getLink('nope')).toBeNull()
      // Linking again replaces, and keeps the workshop's place.
      await store.setLink({ workshopId: 'w1', previousWorkshopId: null, seriesId: 'w1' })
      expect((await store.listSeries('w1')).map((l) => l.workshopId)).toEqual(['w1', 'w2'])
    })

    it('keeps the sources of a poster in order and replaces them', async () => {
      await store.setPosterSources('w2', 'p1', ['a', 'b'])
      expect(await store.posterSources('p1')).toEqual(['a', 'b'])
      await store.setPosterSources('w2', 'p1', ['c'])
      expect(await store.posterSources('p1')).toEqual(['c'])
      expect(await store.posterSources('p2')).toEqual([])
    })

    it('lists homework of a workshop and open homework of all, and closes it once', async () => {
      const h = {
        workshopId: 'w1',
        roundId: 'r3',
        opensAt: '2026-10-11T16:00:00.000Z',
        closesAt: '2026-11-10T22:00:00.000Z',
        closedAt: null,
      }
      await store.insertHomework(h)
      await store.insertHomework({ ...h, workshopId: 'x1', roundId: 'r9' })
      expect(await store.listHomework('w1')).toEqual([h])
      expect((await store.listOpenHomework()).map((x) => x.roundId).sort()).toEqual(['r3', 'r9'])
      await store.closeHomework('r3', '2026-11-10T22:00:01.000Z')
      await store.closeHomework('r3', '2026-11-11T00:00:00.000Z')
      expect((await store.listHomework('w1'))[0].closedAt).toBe('2026-11-10T22:00:01.000Z')
      expect((await store.listOpenHomework()).map((x) => x.roundId)).toEqual(['r9'])
    })

    it('deletes everything of one workshop and nothing else', async () => {
      await store.setLink({ workshopId: 'w1', previousWorkshopId: null, seriesId: 'w1' })
      await store.setLink({ workshopId: 'w2', previousWorkshopId: 'w1', seriesId: 'w1' })
      await store.setPosterSources('w2', 'p1', ['a'])
      await store.insertHomework({
        workshopId: 'w1',
        roundId: 'r3',
        opensAt: 'a',
        closesAt: 'b',
        closedAt: null,
      })
      await store.deleteWorkshop('w2')
      expect(await store.getLink('w2')).toBeNull()
      expect(await store.posterSources('p1')).toEqual([])
      expect(await store.getLink('w1')).not.toBeNull()
      await store.deleteWorkshop('w1')
      expect(await store.listHomework('w1')).toEqual([])
      expect(await store.listSeries('w1')).toEqual([])
    })
  })
}
