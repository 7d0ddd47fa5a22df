/**
 * Need categories and which of them cannot share a site at the same time
 * without one undoing the other (the "road zipper": new greening dug up for
 * drainage, a square paved over for parking).
 */

/** Category names, in index order; a scenario uses the first `needCategories`. */
export const categoryNames = [
  'building facades',
  'greening',
  'parking',
  'drainage and pipes',
  'lighting and safety',
  'elderly facilities',
  'public space',
  'waste sorting',
  'bicycle sheds',
  'signage and wayfinding',
] as const;

/** Pairs of categories whose works at one site conflict (an assumption, [A]). */
export const conflictingCategoryPairs: ReadonlyArray<readonly [number, number]> = [
  [1, 2], // greening × parking
  [1, 3], // greening × drainage
  [2, 6], // parking × public space
  [3, 6], // drainage × public space
  [2, 3], // parking × drainage (the road is dug up again)
  [2, 5], // parking × elderly facilities
  [1, 8], // greening × bicycle sheds
];

/** A symmetric conflict matrix for the first `categoryCount` categories, row-major. */
export function conflictMatrix(categoryCount: number): Uint8Array {
  const matrix = new Uint8Array(categoryCount * categoryCount);
  for (const [left, right] of conflictingCategoryPairs) {
    if (left < categoryCount && right < categoryCount) {
      matrix[left * categoryCount + right] = 1;
      matrix[right * categoryCount + left] = 1;
    }
  }
  return matrix;
}
