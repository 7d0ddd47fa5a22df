import { describe, expect, it } from 'vitest';
import { alignedNumber, inlineHtml, markChinese, number, safeMarkdown } from '../../src/report/html.js';

describe('numbers in reports', () => {
  it('drops trailing zeros from a number on its own, and keeps them among others of its kind', () => {
    expect([1.1, 0.8, 0.816, 0].map((value) => number(value))).toEqual(['1.1', '0.8', '0.816', '0']);
    expect([1.1, 0.8, 0.816, 0, 0.00396, -0.0479, 123.456, Number.NaN].map(alignedNumber)).toEqual([
      '1.10',
      '0.800',
      '0.816',
      '0',
      '0.00396',
      '−0.0479',
      '123.5',
      '—',
    ]);
  });
});

describe('inlineHtml', () => {
  it('escapes text and sets its Markdown code spans as code', () => {
    expect(inlineHtml('run `govsim validate <case>` & see')).toBe('run <code>govsim validate &lt;case&gt;</code> &amp; see');
  });
});

describe('markChinese', () => {
  it('marks each run of Chinese in the text as Chinese, and leaves attributes, charts and styles as they are', () => {
    expect(markChinese('<p title="无感">administrative-led (行政主导，压实责任) and 无感.</p>')).toBe(
      '<p title="无感">administrative-led (<span lang="zh-Hans">行政主导，压实责任</span>) and <span lang="zh-Hans">无感</span>.</p>',
    );
    const kept = '<svg><text>无感</text><g><text>对接</text></g></svg><style>/* 无感 */</style><title>无感</title>';
    expect(markChinese(kept)).toBe(kept);
    expect(markChinese(`${kept}<p>对接</p>`)).toBe(`${kept}<p><span lang="zh-Hans">对接</span></p>`);
    expect(markChinese('<p>no Chinese: “quoted” — 2018</p>')).toBe('<p>no Chinese: “quoted” — 2018</p>');
  });
});

describe('safeMarkdown', () => {
  it('shows an HTML tag or a script link from an input file as text, and leaves plain links alone', () => {
    expect(safeMarkdown('# Case </title><script>alert(4)</script>')).toBe('# Case &lt;/title>&lt;script>alert(4)&lt;/script>');
    expect(safeMarkdown('<b onmouseover=alert(5)>paper</b>; p < 0.05; <!-- x -->')).toBe(
      '&lt;b onmouseover=alert(5)>paper&lt;/b>; p < 0.05; &lt;!-- x -->',
    );
    expect(
      safeMarkdown(
        '[link](javascript:alert(3)) [b]( DATA:text/html,x) [e](&#106;avascript:x) [ok](https://example.org) ![c](charts/a.png) [r](#term-load)',
      ),
    ).toBe(
      '[link]\\(javascript:alert(3)) [b]\\( DATA:text/html,x) [e]\\(&#106;avascript:x) [ok](https://example.org) ![c](charts/a.png) [r](#term-load)',
    );
    // A link reference to such an address is broken too; one to the web is kept.
    expect(safeMarkdown('[x]: javascript:alert(1)\n   [y]: https://example.org')).toBe(
      '\\[x]: javascript:alert(1)\n   [y]: https://example.org',
    );
  });

  it('leaves no tag behind backticks, escaped or unmatched', () => {
    for (const text of ['Overload \\` <img src=x onerror=alert(1)> ` done', 'Second ` <img src=y onerror=alert(2)> `` end'])
      expect(safeMarkdown(text)).not.toContain('<img');
  });
});
