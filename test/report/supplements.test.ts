import { describe, expect, it } from 'vitest';
import { type ContrastRow, contrastCells } from '../../src/report/supplements.js';

function row(keeps: number, flips: number, none: number, points = 740): ContrastRow {
  return {
    from: 'administrative-led',
    to: 'co-production',
    metric: 'idling.idleShare',
    points,
    meanContrast: -0.468,
    minimum: -0.942,
    maximum: 0.0218,
    keepsSignShare: keeps / points,
    flipsSignShare: flips / points,
    referenceSign: -1,
    noDifferenceShare: none / points,
    drivers: [],
  };
}

describe('the contrast table of a report', () => {
  it('never writes a share short of all as 100%, or one above none as 0%', () => {
    const cell = (keeps: number, flips: number, none: number, points?: number) =>
      contrastCells({ source: 'x', method: 'morris', rows: [row(keeps, flips, none, points)] })[0]?.[2];
    expect(cell(740, 0, 0)).toBe('100% / 0% of 740 points');
    // 3 of 740 flip: 99.6% and 0.4%, not 100% and 0%, which would read as the row above.
    expect(cell(737, 3, 0)).toBe('99.6% / 0.4% of 740 points');
    // A point with no difference is said, however few.
    expect(cell(736, 3, 1)).toBe('99% / 0.4% (0.1% no difference) of 740 points');
    // One in ten thousand is 0.1%, never 0.0%; all but one 99.9%, never 100.0%.
    expect(cell(9999, 1, 0, 10_000)).toBe('99.9% / 0.1% of 10000 points');
    expect(cell(370, 370, 0)).toBe('50% / 50% of 740 points');
  });
});

describe('the contrast table of a report from a Latin hypercube', () => {
  it('says why no driver is shown where no factor has a PRCC, rather than leave the cell empty', () => {
    const cells = contrastCells({ source: 'x', method: 'prcc', rows: [row(740, 0, 0)] })[0];
    expect(cells?.[3]).toBe(
      'none defined: it takes more design points where the outcome is defined than the factors + 1, and an outcome that the other factors do not explain whole',
    );
    expect(contrastCells({ source: 'x', method: 'morris', rows: [row(740, 0, 0)] })[0]?.[3]).toBe(
      'none: no factor moves it (every index is 0 or undefined)',
    );
  });
});
