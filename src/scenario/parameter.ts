/**
 * How a model parameter is declared: one call gives its zod type with the
 * default, the documented range and the basis tag, so that validation, the
 * JSON Schema and the parameter reference in docs all come from one place.
 *
 * Basis tags: P stated in the paper; D derived from its numbers; I inferred
 * from its causal argument; A an assumption (a free parameter, to be swept);
 * L from other literature.
 */
import * as z from 'zod';
import { givenValue, ScenarioError, type ScenarioProblem } from '../core/problems.js';

/** The basis tags, in the order the docs give them. */
export const basisTags: readonly Basis[] = ['P', 'D', 'I', 'A', 'L'];

/**
 * Where a parameter's value comes from: P stated in the paper, D derived from its numbers, I inferred from its causal
 * argument, A an assumption (a free parameter, to be swept), L from other literature.
 */
export type Basis = 'P' | 'D' | 'I' | 'A' | 'L';

/**
 * What the scenario schema records of a parameter besides its default and bounds: its meaning, basis, unit and
 * plausible range; JSON Schema and docs/parameters.md show them.
 */
export interface ParameterDescription {
  /** What the parameter means, in a sentence. */
  description: string;
  basis: Basis;
  /** The unit, such as `hours/week`, `weeks` or `budget units`; absent for shares and pure numbers. */
  unit?: string;
  /** The plausible range argued for in the docs; sweeps cover it. */
  range?: readonly [number, number];
}

/**
 * A numeric parameter. `range` is the plausible range argued for in the docs
 * (what sensitivity sweeps cover); the schema rejects only values outside the
 * valid bounds `[hardMinimum, hardMaximum]`, since a researcher may
 * deliberately explore beyond the plausible range.
 *
 * Every parameter has a finite `hardMaximum`: a physical bound past which no
 * value means anything (more than 168 hours in a week for one person, more
 * households than a community can hold, a log-scale spread past 10, that is
 * ratios beyond e^10). Without it, values such as 1e308 overflow into
 * infinities and NaN metrics, or a count of 1e9 exhausts memory.
 */
export function numberParameter(
  defaultValue: number,
  description: ParameterDescription & { hardMinimum?: number; hardMaximum: number; integer?: boolean },
) {
  const problems = declarationProblems(defaultValue, description);
  if (problems.length > 0) throw new ScenarioError('parameter declaration', problems, 'parameter declaration');
  const minimum = description.hardMinimum ?? Number.NEGATIVE_INFINITY;
  const maximum = description.hardMaximum;
  let schema = description.integer ? z.number().int() : z.number();
  if (Number.isFinite(minimum)) schema = schema.min(minimum);
  schema = schema.max(maximum);
  return schema.default(defaultValue).meta({
    description: description.description,
    basis: description.basis,
    ...(description.unit === undefined ? {} : { unit: description.unit }),
    ...(description.range === undefined ? {} : { range: [...description.range] }),
  });
}

/**
 * What is wrong with a parameter's declaration, for callers in plain JavaScript: a default that is no number, a
 * description that is no text, a basis that is no tag (a lower-case `a` would leave the parameter out of every
 * screening and robustness draw without a word), a valid maximum that is not finite.
 */
function declarationProblems(
  defaultValue: unknown,
  description: ParameterDescription & { hardMaximum?: number },
): ScenarioProblem[] {
  if (description === null || typeof description !== 'object')
    return [{ path: '', message: `expected { description, basis, … } after the default, got ${givenValue(description)}` }];
  const problems: ScenarioProblem[] = [];
  if (typeof defaultValue !== 'number' || !Number.isFinite(defaultValue))
    problems.push({ path: 'default', message: `expected a finite number, got ${givenValue(defaultValue)}` });
  if (typeof description.description !== 'string' || description.description.trim() === '')
    problems.push({
      path: 'description',
      message: `expected what the parameter means, in a sentence, got ${givenValue(description.description)}`,
    });
  if (!basisTags.includes(description.basis))
    problems.push({
      path: 'basis',
      message: `expected one of ${basisTags.map((tag) => JSON.stringify(tag)).join(', ')} (A for an assumption, which sweeps and robustness draws vary), got ${givenValue(description.basis)}`,
    });
  if (typeof description.hardMaximum !== 'number' || !Number.isFinite(description.hardMaximum))
    problems.push({
      path: 'hardMaximum',
      message: `expected a finite number: the value past which the parameter means nothing (without it, values such as 1e308 overflow), got ${givenValue(description.hardMaximum)}`,
    });
  return problems;
}

/** A probability in [0, 1]. */
export function probabilityParameter(defaultValue: number, description: ParameterDescription) {
  return numberParameter(defaultValue, { hardMinimum: 0, hardMaximum: 1, ...description });
}

/** A count (non-negative integer) up to `hardMaximum`. */
export function countParameter(defaultValue: number, description: ParameterDescription & { hardMaximum: number }) {
  return numberParameter(defaultValue, { integer: true, hardMinimum: 0, ...description });
}

/** A non-negative amount (hours, money, weeks as a real number) up to `hardMaximum`; at least `hardMinimum` (default 0). */
export function amountParameter(
  defaultValue: number,
  description: ParameterDescription & { hardMinimum?: number; hardMaximum: number },
) {
  return numberParameter(defaultValue, { hardMinimum: 0, ...description });
}
