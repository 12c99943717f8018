import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultLivepeerConfig } from '../../../src/networks/livepeer/params.ts';
import { feePerSegmentWei, ticketsForFee } from '../../../src/networks/livepeer/protocol.ts';
import { ticketsForStream, ticketTerms } from '../../../src/networks/livepeer/tickets.ts';

describe('livepeer tickets per stream (fast path)', () => {
  const exact = (t: ReturnType<typeof ticketTerms>, pixels: number, price: number) => ticketsForFee(feePerSegmentWei(BigInt(pixels), BigInt(price)), t.evRatio);

  it('equals the exact ticketsForFee(feePerSegmentWei) for any pixels and price', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom(0.001, 0.5, 8, 8.5, 1000),
        fc.constantFrom(0.02, 1, 30),
        (pixels, price, ticketEvGwei, gasPriceGwei) => {
          const t = ticketTerms(defaultLivepeerConfig({ ticketEvGwei, gasPriceGwei }));
          expect(ticketsForStream(t, pixels, price)).toBe(exact(t, pixels, price));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('equals the exact count at and next to ticket boundaries (where the doubles cannot decide)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 5_000 }),
        fc.integer({ min: -3, max: 3 }),
        fc.constantFrom(0.5, 8, 8.5),
        (n, price, nudge, ticketEvGwei) => {
          const t = ticketTerms(defaultLivepeerConfig({ ticketEvGwei }));
          // pixels such that the fee is as close as possible to n tickets' EV.
          const pixels = Math.max(0, Math.round((n * t.evFloat) / (price * 1.02)) + nudge);
          expect(ticketsForStream(t, pixels, price)).toBe(exact(t, pixels, price));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
