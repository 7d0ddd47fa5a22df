/**
 * How a model parameter is declared: one call gives its zod type with the
 * default, the documented range and the basis tag, so that validation, the
 * JSON Schema and the parameter reference in docs all come from one place.
 *
 * Basis tags: P stated in the paper; D derived from its numbers; I inferred
 * from its causal argument; A an assumption (a free parameter, to be swept);
 * L from other literature.
 */
import { z } from 'zod';

export type Basis = 'P' | 'D' | 'I' | 'A' | 'L';

export interface ParameterDescription {
  description: string;
  basis: Basis;
  unit?: string;
  /** The plausible range argued for in the docs; sweeps cover it. */
  range?: readonly [number, number];
}

/**
 * A numeric parameter. `range` is the plausible range argued for in the docs
 * (what sensitivity sweeps cover); the schema rejects only values outside the
 * valid bounds `[hardMinimum, hardMaximum]` (unbounded unless given), since a
 * researcher may deliberately explore beyond the plausible range.
 */
export function numberParameter(
  defaultValue: number,
  description: ParameterDescription & { hardMinimum?: number; hardMaximum?: number; integer?: boolean },
) {
  const minimum = description.hardMinimum ?? Number.NEGATIVE_INFINITY;
  const maximum = description.hardMaximum ?? Number.POSITIVE_INFINITY;
  let schema = description.integer ? z.number().int() : z.number();
  if (Number.isFinite(minimum)) schema = schema.min(minimum);
  if (Number.isFinite(maximum)) schema = schema.max(maximum);
  return schema.default(defaultValue).meta({
    description: description.description,
    basis: description.basis,
    ...(description.unit === undefined ? {} : { unit: description.unit }),
    ...(description.range === undefined ? {} : { range: [...description.range] }),
  });
}

/** A probability in [0, 1]. */
export function probabilityParameter(defaultValue: number, description: ParameterDescription) {
  return numberParameter(defaultValue, { hardMinimum: 0, hardMaximum: 1, ...description });
}

/** A count (non-negative integer). */
export function countParameter(defaultValue: number, description: ParameterDescription) {
  return numberParameter(defaultValue, { integer: true, hardMinimum: 0, ...description });
}

/** A non-negative amount (hours, money, weeks as a real number). */
export function amountParameter(defaultValue: number, description: ParameterDescription) {
  return numberParameter(defaultValue, { hardMinimum: 0, ...description });
}
