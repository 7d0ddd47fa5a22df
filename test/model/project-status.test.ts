import { describe, expect, it } from 'vitest';
import { isInPipeline, isLegalTransition, projectStatuses } from '../../src/model/index.js';

describe('project lifecycle', () => {
  it('allows the documented transitions and no others', () => {
    expect(isLegalTransition('listed', 'docking')).toBe(true);
    expect(isLegalTransition('docking', 'ready')).toBe(true);
    expect(isLegalTransition('docking', 'listed')).toBe(true);
    expect(isLegalTransition('ready', 'active')).toBe(true);
    expect(isLegalTransition('active', 'idle')).toBe(true);
    expect(isLegalTransition('idle', 'active')).toBe(true);
    expect(isLegalTransition('active', 'done')).toBe(true);
    expect(isLegalTransition('listed', 'active')).toBe(false);
    expect(isLegalTransition('docking', 'active')).toBe(false);
    expect(isLegalTransition('ready', 'done')).toBe(false);
    for (const status of projectStatuses) {
      expect(isLegalTransition('done', status)).toBe(status === 'done');
      expect(isLegalTransition('cancelled', status)).toBe(status === 'cancelled');
      if (status !== 'done') expect(isLegalTransition(status, 'cancelled')).toBe(true);
    }
  });

  it('counts docking, ready, active and idle as the pipeline', () => {
    expect(projectStatuses.filter(isInPipeline)).toEqual(['docking', 'ready', 'active', 'idle']);
  });
});
