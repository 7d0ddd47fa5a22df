import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { Xor4096 } from '../../src/core/xor4096.js';

describe('Xor4096', () => {
  it('gives seedrandom’s xor4096 sequence and saved state, number for number, on 2,000 seeds', () => {
    for (let seed = 0; seed < 2000; seed++) {
      // Seed texts as the random source builds them: seed/path/stream, short and long.
      const text = `${seed * 7919}/${seed % 7 === 0 ? 'extension/a-name/' : ''}${'stream'.repeat(1 + (seed % 40))}`;
      const reference = seedrandom.xor4096(text, { state: true });
      const ported = new Xor4096(text);
      for (let draw = 0; draw < 200; draw++) expect(ported.uniform()).toBe(reference());
      const saved = reference.state();
      expect(ported.state()).toEqual(saved);
      expect(JSON.stringify(ported.state())).toBe(JSON.stringify(saved));
      const resumed = new Xor4096('', JSON.parse(JSON.stringify(saved)));
      for (let draw = 0; draw < 20; draw++) expect(resumed.uniform()).toBe(reference());
    }
  });

  it('gives numbers on [0, 1)', () => {
    const generator = new Xor4096('range');
    for (let draw = 0; draw < 100_000; draw++) {
      const value = generator.uniform();
      expect(value >= 0 && value < 1).toBe(true);
    }
  });
});
