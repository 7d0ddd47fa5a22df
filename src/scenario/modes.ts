/**
 * Governance modes as data. A mode is a setting of separable mechanisms;
 * the engine reads the settings and never a mode's name.
 *
 * | preset              | participation | integration | pressure | renewal |
 * |---------------------|---------------|-------------|----------|---------|
 * | administrative-led  | off           | off         | high     | active  |
 * | co-production       | on            | on          | low      | active  |
 * | pause               | off           | off         | low      | paused  |
 * | participation-only  | on            | off         | low      | active  |
 * | integration-only    | off           | on          | low      | active  |
 *
 * The two "halves" differ from co-production in exactly one mechanism each,
 * so comparing them with it isolates that mechanism.
 */
import type { ModeInput, ModeSettings, PresetName } from './schema.js';

/** The named modes — each a setting of the two mechanisms, the pressure regime and whether renewal runs — that a scenario's `mode` may name. */
export const modePresets: Readonly<Record<PresetName, Readonly<ModeSettings>>> = Object.freeze({
  'administrative-led': Object.freeze({
    participation: false,
    integration: false,
    pressure: 'high',
    renewal: 'active',
  }),
  'co-production': Object.freeze({ participation: true, integration: true, pressure: 'low', renewal: 'active' }),
  pause: Object.freeze({ participation: false, integration: false, pressure: 'low', renewal: 'paused' }),
  'participation-only': Object.freeze({
    participation: true,
    integration: false,
    pressure: 'low',
    renewal: 'active',
  }),
  'integration-only': Object.freeze({
    participation: false,
    integration: true,
    pressure: 'low',
    renewal: 'active',
  }),
} satisfies Record<PresetName, ModeSettings>);

/** The mechanism settings of a mode given by preset name or explicitly. */
export function resolveMode(mode: ModeInput): ModeSettings {
  if (typeof mode === 'string') return { ...modePresets[mode] };
  return {
    participation: mode.participation,
    integration: mode.integration,
    pressure: mode.pressure,
    renewal: mode.renewal ?? 'active',
  };
}
