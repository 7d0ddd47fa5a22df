/**
 * Scenarios: the scenario schema, the mode presets, parameters with their basis and ranges, and validation at the boundary (`parseScenario`, `parseExtendedScenario`).
 *
 * @module scenarios
 */
export { extensionParameters, type ParameterExtension, parseExtendedScenario } from './extensions.js';
export { scenarioJsonSchema } from './json-schema.js';
export { modePresets, resolveMode } from './modes.js';
export { applyOverrides, isScenarioPath, type Overrides } from './overrides.js';
export {
  amountParameter,
  type Basis,
  countParameter,
  numberParameter,
  type ParameterDescription,
  probabilityParameter,
} from './parameter.js';
export { type ParameterRow, parameterRows, parameterTableMarkdown } from './parameter-table.js';
export {
  checkArgument,
  cutText,
  describeIssues,
  formatPath,
  inputProblems,
  isParsedScenario,
  maximumEchoedLength,
  maximumListedProblems,
  maximumProblemLength,
  nearestName,
  parseScenario,
  problemsMessage,
  ScenarioError,
  type ScenarioProblem,
} from './parse.js';
export {
  type Community,
  communitySchema,
  type DeepReadonly,
  type ModeInput,
  type ModeSettings,
  maximumCommunities,
  maximumCommunityHouseholds,
  maximumHouseholds,
  modeSchema,
  modeSettingsSchema,
  oneLineText,
  type Parameters,
  type PresetName,
  parametersSchema,
  presetNames,
  type Scenario,
  type ScenarioInput,
  type SwitchRule,
  sameWorld,
  scenarioSchema,
  switchRuleSchema,
  type TimelineEntry,
  timelineEntrySchema,
  totalHouseholds,
  type World,
  worldSchema,
} from './schema.js';
