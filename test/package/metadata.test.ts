/** Citation metadata: CITATION.cff and codemeta.json parse, describe this version and ship in the package. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; license: string; files: string[] };

describe('CITATION.cff', () => {
  const citation = parse(readFileSync('CITATION.cff', 'utf8'));

  it('is Citation File Format 1.2.0 with its required fields, for this version', () => {
    expect(citation['cff-version']).toBe('1.2.0');
    expect(citation.type).toBe('software');
    expect(citation.message.length).toBeGreaterThan(0);
    expect(citation.title).toMatch(/^govsim/);
    expect(citation.authors).toEqual([{ name: 'govsim contributors' }]);
    expect(citation.version).toBe(manifest.version);
    expect(citation.license).toBe(manifest.license);
  });

  it('references the paper whose case govsim reproduces', () => {
    const [paper] = citation.references;
    expect(paper).toMatchObject({
      type: 'article',
      authors: [{ 'family-names': 'Qian', 'given-names': 'Kun' }],
      journal: 'Journal of Zhejiang Sci-Tech University',
      year: 2024,
      issue: '8',
      start: '413',
      end: '421',
    });
  });
});

describe('codemeta.json', () => {
  const codemeta = JSON.parse(readFileSync('codemeta.json', 'utf8'));

  it('is CodeMeta 3.0 software metadata for this version', () => {
    expect(codemeta['@context']).toBe('https://w3id.org/codemeta/3.0');
    expect(codemeta['@type']).toBe('SoftwareSourceCode');
    expect(codemeta.name).toBe('govsim');
    expect(codemeta.version).toBe(manifest.version);
    expect(codemeta.license).toBe(`https://spdx.org/licenses/${manifest.license}`);
    expect(codemeta.referencePublication.author[0]).toMatchObject({ familyName: 'Qian', givenName: 'Kun' });
    expect(codemeta.referencePublication.datePublished).toBe('2024');
  });
});

describe('package.json', () => {
  it('ships both metadata files', () => {
    expect(manifest.files).toEqual(expect.arrayContaining(['CITATION.cff', 'codemeta.json']));
  });
});
