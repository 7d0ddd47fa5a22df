import { describe, expect, it } from 'vitest';
import {
  createRandomSource,
  sobolDigitalShift,
  sobolDimensionLimit,
  sobolDirectionIntegers,
  sobolPoints,
} from '../../src/core/index.js';

/**
 * Reference values from SciPy 1.17.1, whose Sobol' generator reads the same new-joe-kuo-6.21201 direction numbers:
 *   from scipy.stats import qmc
 *   sobol = qmc.Sobol(2000, scramble=False, bits=32)
 *   sobol._sv[d - 1]                                      # directions: dimension d's 32 direction integers
 *   points = sobol.random(1004)
 *   points[:16, d - 1] * 16                               # firstSixteenths
 *   points[1000:1004, d - 1] * 2**32                      # points1000To1003
 * (SciPy's points are in the same Gray-code order, from the all-zero point.)
 */
const directions: Record<number, number[]> = {
  1: [
    2147483648, 1073741824, 536870912, 268435456, 134217728, 67108864, 33554432, 16777216, 8388608, 4194304, 2097152, 1048576,
    524288, 262144, 131072, 65536, 32768, 16384, 8192, 4096, 2048, 1024, 512, 256, 128, 64, 32, 16, 8, 4, 2, 1,
  ],
  2: [
    2147483648, 3221225472, 2684354560, 4026531840, 2281701376, 3422552064, 2852126720, 4278190080, 2155872256, 3233808384,
    2694840320, 4042260480, 2290614272, 3435921408, 2863267840, 4294901760, 2147516416, 3221274624, 2684395520, 4026593280,
    2281736192, 3422604288, 2852170240, 4278255360, 2155905152, 3233857728, 2694881440, 4042322160, 2290649224, 3435973836,
    2863311530, 4294967295,
  ],
  3: [
    2147483648, 3221225472, 1610612736, 2415919104, 3892314112, 1543503872, 2382364672, 3305111552, 1753219072, 2629828608,
    3999268864, 1435500544, 2154299392, 3231449088, 1626210304, 2421489664, 3900735488, 1556135936, 2388680704, 3314585600,
    1751705600, 2627492864, 4008611328, 1431684352, 2147543168, 3221249216, 1610649184, 2415969680, 3892340840, 1543543964,
    2382425838, 3305133397,
  ],
  7: [
    2147483648, 3221225472, 2684354560, 3489660928, 1476395008, 2483027968, 1040187392, 3808428032, 3196059648, 599785472,
    505413632, 4077912064, 1182269440, 1736704000, 2017853440, 2221342720, 3329785856, 2810494976, 3628507136, 1416089600,
    2658719744, 864310272, 3863387648, 3076993792, 553150080, 272922560, 4167467040, 1148698640, 1719673080, 2009075780,
    2149644390, 3222291575,
  ],
  152: [
    2147483648, 1073741824, 536870912, 2415919104, 134217728, 1677721600, 3657433088, 3305111552, 2340421632, 1723858944,
    2673868800, 2293235712, 1851260928, 2970353664, 431357952, 3889364992, 1592492032, 594919424, 515022848, 2238828544,
    763439104, 1439175680, 1340443136, 3940207872, 3512148608, 799743808, 3705013536, 3932360208, 2603845400, 1689895740,
    2422514126, 2383599783,
  ],
  1000: [
    2147483648, 1073741824, 1610612736, 2415919104, 402653184, 201326592, 3523215360, 3372220416, 3128950784, 3678404608,
    1927282688, 1324351488, 3485990912, 2205941760, 3705012224, 2786656256, 2246279168, 1064714240, 520855552, 207515648,
    4052097024, 2428697600, 4011990528, 3176613120, 786207872, 1723868096, 1344481952, 4174386896, 3491374648, 2061797684,
    451981982, 1909304039,
  ],
  2000: [
    2147483648, 3221225472, 2684354560, 4026531840, 2281701376, 2885681152, 2113929216, 3875536896, 2306867200, 1304428544,
    2678063104, 2798649344, 3830972416, 550240256, 1278607360, 1196490752, 2509864960, 426590208, 3655852032, 1887965184,
    3449083904, 3665542144, 455552512, 1520993024, 2156200832, 2458084160, 1320907680, 2315654064, 1748549144, 3468539180,
    2940120578, 2449851139,
  ],
};
const firstSixteenths: Record<number, number[]> = {
  1: [0, 8, 12, 4, 6, 14, 10, 2, 3, 11, 15, 7, 5, 13, 9, 1],
  2: [0, 8, 4, 12, 6, 14, 2, 10, 5, 13, 1, 9, 3, 11, 7, 15],
  3: [0, 8, 4, 12, 10, 2, 14, 6, 15, 7, 11, 3, 5, 13, 1, 9],
  7: [0, 8, 4, 12, 6, 14, 2, 10, 7, 15, 3, 11, 1, 9, 5, 13],
  152: [0, 8, 12, 4, 6, 14, 10, 2, 11, 3, 7, 15, 13, 5, 1, 9],
  1000: [0, 8, 12, 4, 2, 10, 14, 6, 15, 7, 3, 11, 13, 5, 1, 9],
  2000: [0, 8, 4, 12, 6, 14, 2, 10, 5, 13, 1, 9, 3, 11, 7, 15],
};
const points1000To1003: Record<number, number[]> = {
  1: [943718400, 3091202048, 4164943872, 2017460224],
  2: [415236096, 2562719744, 1488977920, 3636461568],
  3: [2227175424, 79691776, 3300917248, 1153433600],
  7: [197132288, 2344615936, 1270874112, 3418357760],
  152: [3737124864, 1589641216, 515899392, 2663383040],
  1000: [859832320, 3007315968, 4081057792, 1933574144],
  2000: [2512388096, 364904448, 3586129920, 1438646272],
};
const checkedDimensions = [1, 2, 3, 7, 152, 1000, 2000];

/** How many of `values` fall in each of the 2^m equal intervals of [0, 1). */
function intervalCounts(values: readonly number[], m: number): number[] {
  const counts = new Array<number>(2 ** m).fill(0);
  for (const value of values) counts[Math.floor(value * 2 ** m)] = (counts[Math.floor(value * 2 ** m)] as number) + 1;
  return counts;
}

/** The dimensions (from 1) whose first 2^m points, for some m from 1 to `largest`, miss an interval of length 2^−m. */
function unstratifiedDimensions(points: readonly number[][], largest: number): number[] {
  const dimensions = (points[0] as number[]).length;
  const failing: number[] = [];
  for (let dimension = 0; dimension < dimensions; dimension++) {
    const column = points.map((point) => point[dimension] as number);
    for (let m = 1; m <= largest; m++)
      if (!intervalCounts(column.slice(0, 2 ** m), m).every((count) => count === 1)) {
        failing.push(dimension + 1);
        break;
      }
  }
  return failing;
}

describe('the Sobol sequence', () => {
  it('embeds the direction numbers of 2000 dimensions', () => {
    expect(sobolDimensionLimit).toBe(2000);
  });

  it('has the direction integers SciPy gives, dimension 1 the van der Corput sequence', () => {
    for (const dimension of checkedDimensions)
      expect(Array.from(sobolDirectionIntegers(dimension)), `dimension ${dimension}`).toEqual(directions[dimension]);
  });

  it('gives the points SciPy gives unscrambled, from the all-zero point, in Gray-code order', () => {
    const points = sobolPoints(1004, 2000);
    for (const dimension of checkedDimensions) {
      const column = points.map((point) => point[dimension - 1] as number);
      expect(
        column.slice(0, 16).map((value) => value * 16),
        `dimension ${dimension}`,
      ).toEqual(firstSixteenths[dimension]);
      expect(
        column.slice(1000).map((value) => value * 2 ** 32),
        `dimension ${dimension}`,
      ).toEqual(points1000To1003[dimension]);
    }
  });

  it('puts each dimension’s first 2^m points one in each interval of length 2^−m', () => {
    // Every embedded dimension up to m = 10, and the first dimensions up to m = 16.
    expect(unstratifiedDimensions(sobolPoints(2 ** 10, sobolDimensionLimit), 10)).toEqual([]);
    expect(unstratifiedDimensions(sobolPoints(2 ** 16, 4), 16)).toEqual([]);
  });

  it('keeps that balance after a digital shift, which moves the first point off the corner', () => {
    const stream = createRandomSource(3).stream('design');
    const shift = sobolDigitalShift(sobolDimensionLimit, () => stream.next());
    expect(new Set(shift).size).toBe(sobolDimensionLimit);
    const shifted = sobolPoints(2 ** 10, sobolDimensionLimit, shift);
    expect(unstratifiedDimensions(shifted, 10)).toEqual([]);
    expect(shifted[0]).toEqual(shift.map((value) => value / 2 ** 32));
    expect((shifted[0] as number[]).filter((value) => value === 0)).toEqual([]);
  });

  it('shifts each coordinate’s 32-bit integer by exclusive-or', () => {
    const shift = [0x80000001, 0x0000ffff, 0xfffffffe];
    const plain = sobolPoints(64, 3);
    const shifted = sobolPoints(64, 3, shift);
    for (let index = 0; index < 64; index++)
      for (let dimension = 0; dimension < 3; dimension++) {
        const integer = ((plain[index] as number[])[dimension] as number) * 2 ** 32;
        const value = ((shifted[index] as number[])[dimension] as number) * 2 ** 32;
        expect(value).toBe((integer ^ (shift[dimension] as number)) >>> 0);
      }
  });

  it('draws a shift that depends on the seed, the same for the same seed', () => {
    const shiftOf = (seed: number) => {
      const stream = createRandomSource(seed).stream('design');
      return sobolDigitalShift(6, () => stream.next());
    };
    expect(shiftOf(1)).toEqual(shiftOf(1));
    expect(shiftOf(1)).not.toEqual(shiftOf(2));
    for (const value of shiftOf(1)) {
      expect(Number.isInteger(value)).toBe(true);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(2 ** 32);
    }
    expect(sobolPoints(8, 6, shiftOf(1))).not.toEqual(sobolPoints(8, 6, shiftOf(2)));
  });

  it('refuses a dimension, a count or a shift it cannot give', () => {
    expect(() => sobolDirectionIntegers(0)).toThrow(RangeError);
    expect(() => sobolDirectionIntegers(2001)).toThrow("expected a Sobol' dimension from 1 to 2000, got 2001");
    expect(() => sobolPoints(4, 2001)).toThrow("expected from 1 to 2000 Sobol' dimensions, got 2001");
    expect(() => sobolPoints(-1, 2)).toThrow(RangeError);
    expect(() => sobolPoints(1.5, 2)).toThrow(RangeError);
    expect(() => sobolPoints(4, 2, [1])).toThrow('expected a shift of 2 unsigned 32-bit integers, one per dimension');
    expect(() => sobolPoints(4, 2, [1, 2 ** 32])).toThrow(RangeError);
    expect(sobolPoints(0, 2)).toEqual([]);
  });
});
