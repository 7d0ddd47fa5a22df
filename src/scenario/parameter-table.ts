/**
 * The parameter reference (docs/parameters.md) generated from the schema, so
 * that the documented defaults, ranges and bases cannot drift from the code.
 */
import * as z from 'zod';
import { checkExtensionsArgument, type ParameterExtension } from './extensions.js';
import { scenarioJsonSchema } from './json-schema.js';

interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  range?: [number, number];
  basis?: string;
  unit?: string;
  description?: string;
  items?: SchemaNode;
}

/**
 * One row of the parameter reference (docs/parameters.md): a scenario parameter with its default, ranges, unit,
 * basis and meaning, read from the scenario's JSON Schema.
 */
export interface ParameterRow {
  /** Path into a scenario, with `[]` for every element of a list: `world.communities[].sites`. */
  path: string;
  /** The value the schema fills in when the parameter is omitted; undefined for a parameter without a default (a scenario must set it). */
  defaultValue: unknown;
  /** The plausible range as text ("0.6–0.95"), or empty. */
  range: string;
  /** The plausible range as numbers, or null when none is argued for. */
  plausibleRange: readonly [number, number] | null;
  /** Whether the parameter takes whole numbers only. */
  integer: boolean;
  /** The values the schema accepts, as text ("0–1", "≥ 1"), or empty when unbounded. */
  valid: string;
  /** The unit (`hours/week`, `weeks`, …), or empty. */
  unit: string;
  /** The basis tag (P, D, I, A or L; see `Basis`); empty for an extension's parameter declared without one (plain zod). */
  basis: string;
  /** What the parameter means. */
  description: string;
}

function validRange(minimum: number | undefined, maximum: number | undefined): string {
  const upper = maximum === undefined || maximum >= Number.MAX_SAFE_INTEGER ? undefined : maximum;
  if (minimum === undefined && upper === undefined) return '';
  if (upper === undefined) return `≥ ${minimum}`;
  return `${minimum ?? '−∞'}–${upper}`;
}

/**
 * Adds the parameters under `node` to `rows`: the nodes with a basis tag, and with `everyLeaf` (an extension's
 * parameters, where a plain zod schema without one is a parameter too) every node that holds no others.
 */
function collect(node: SchemaNode, path: string, rows: ParameterRow[], everyLeaf = false): void {
  const leaf = node.properties === undefined && node.items === undefined;
  if (node.basis !== undefined || (everyLeaf && leaf)) {
    rows.push({
      path,
      defaultValue: node.default,
      range: node.range ? `${node.range[0]}–${node.range[1]}` : '',
      plausibleRange: node.range ? [node.range[0], node.range[1]] : null,
      integer: node.type === 'integer',
      valid: validRange(node.minimum, node.maximum),
      unit: node.unit ?? '',
      basis: node.basis ?? '',
      description: node.description ?? '',
    });
    return;
  }
  if (node.properties)
    for (const [key, child] of Object.entries(node.properties))
      collect(child, path === '' ? key : `${path}.${key}`, rows, everyLeaf);
  if (node.items) collect(node.items, `${path}[]`, rows, everyLeaf);
}

/**
 * Every parameter that carries a basis tag, in schema order; then those of
 * each of `extensions` (paths `extensions.<name>.<parameter>`), every one of
 * theirs, a parameter declared in plain zod without a basis tag included.
 * @throws ScenarioError (source "extensions") when `extensions` is not a list of extensions, such as a model's
 *   `extensions` (the model itself, say)
 */
export function parameterRows(extensions: readonly ParameterExtension[] = []): ParameterRow[] {
  checkExtensionsArgument(extensions);
  const rows: ParameterRow[] = [];
  collect(scenarioJsonSchema() as SchemaNode, '', rows);
  for (const extension of extensions)
    if (extension.parameters !== undefined)
      collect(z.toJSONSchema(extension.parameters, { io: 'input' }) as SchemaNode, `extensions.${extension.name}`, rows, true);
  return rows;
}

/**
 * The parameter reference as Markdown (with the parameters of `extensions`, when given).
 * @throws ScenarioError as {@link parameterRows} does
 */
export function parameterTableMarkdown(extensions: readonly ParameterExtension[] = []): string {
  const escapePipes = (text: string) => text.replaceAll('|', '\\|');
  const lines = [
    '# Scenario parameters',
    '',
    'Generated from the scenario schema (`npm run schema`); do not edit by hand.',
    '',
    'Basis: **P** stated in the paper; **D** derived from its numbers; **I** inferred from its causal argument;',
    '**A** an assumption (a free parameter, to be swept); **L** from other literature (see docs/odd.md).',
    '"Plausible range" is what sensitivity sweeps should cover; "valid" is what the schema accepts.',
    '',
    '| parameter | default | plausible range | valid | unit | basis | meaning |',
    '|---|---|---|---|---|---|---|',
    ...parameterRows(extensions).map(
      (row) =>
        `| \`${row.path}\` | ${row.defaultValue === undefined ? 'none (to be set)' : JSON.stringify(row.defaultValue)} | ${row.range} | ${row.valid} | ${row.unit} | ${row.basis} | ${escapePipes(row.description)} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
