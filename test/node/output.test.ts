import { describe, expect, it } from 'vitest';
import { outputFolderName } from '../../src/node/index.js';

describe('outputFolderName', () => {
  it('keeps a plain name and makes any other one a single folder under out/', () => {
    expect(outputFolderName('y-community-co-production')).toBe('y-community-co-production');
    expect(outputFolderName('../../x')).toBe('x');
    expect(outputFolderName('..')).toBe('run');
    expect(outputFolderName('.hidden')).toBe('hidden');
    expect(outputFolderName('a/b c\u0000d')).toBe('a-b-c-d');
    expect(outputFolderName('x'.repeat(300))).toHaveLength(100);
    expect(outputFolderName('', 'case')).toBe('case');
  });
});
