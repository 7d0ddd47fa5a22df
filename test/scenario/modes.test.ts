import { describe, expect, it } from 'vitest';
import { modePresets, presetNames, resolveMode } from '../../src/scenario/index.js';

describe('mode presets', () => {
  it('sets administrative-led and co-production as the paper describes them', () => {
    expect(modePresets['administrative-led']).toEqual({
      participation: false,
      integration: false,
      pressure: 'high',
      renewal: 'active',
    });
    expect(modePresets['co-production']).toEqual({ participation: true, integration: true, pressure: 'low', renewal: 'active' });
    expect(modePresets.pause.renewal).toBe('paused');
  });

  it('makes each half differ from co-production in exactly one mechanism', () => {
    const differences = (name: 'participation-only' | 'integration-only') =>
      (Object.keys(modePresets['co-production']) as Array<keyof (typeof modePresets)['co-production']>).filter(
        (key) => modePresets[name][key] !== modePresets['co-production'][key],
      );
    expect(differences('participation-only')).toEqual(['integration']);
    expect(differences('integration-only')).toEqual(['participation']);
  });

  it('resolves every preset name and returns a copy', () => {
    for (const name of presetNames) expect(resolveMode(name)).toEqual(modePresets[name]);
    const copy = resolveMode('co-production');
    copy.participation = false;
    expect(modePresets['co-production'].participation).toBe(true);
  });
});
