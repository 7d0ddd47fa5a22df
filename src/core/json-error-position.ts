/**
 * Finding where JSON text stops being valid, for error messages: Node's
 * JSON.parse does not always say. A small recursive-descent scanner that
 * accepts exactly JSON and returns the offset of the first character it
 * cannot accept (or −1 when the text is valid).
 */
export function jsonErrorOffset(text: string): number {
  let position = 0;
  const fail = (): never => {
    throw position;
  };
  const skipWhitespace = () => {
    while (position < text.length && ' \t\n\r'.includes(text[position] as string)) position++;
  };
  const expectLiteral = (literal: string) => {
    for (const character of literal) {
      if (text[position] !== character) fail();
      position++;
    }
  };
  const scanString = () => {
    expectLiteral('"');
    while (position < text.length && text[position] !== '"') {
      const code = text.charCodeAt(position);
      if (code < 0x20) fail();
      if (text[position] === '\\') {
        position++;
        const escaped = text[position];
        if (escaped === 'u') {
          for (let digit = 1; digit <= 4; digit++) if (!/[0-9a-fA-F]/.test(text[position + digit] ?? '')) fail();
          position += 5;
          continue;
        }
        if (escaped === undefined || !'"\\/bfnrt'.includes(escaped)) fail();
      }
      position++;
    }
    expectLiteral('"');
  };
  const scanNumber = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(position));
    if (match === null || match[0] === '' || match[0] === '-') fail();
    position += (match as RegExpExecArray)[0].length;
  };
  const scanValue = (): void => {
    skipWhitespace();
    const character = text[position];
    if (character === '{') {
      position++;
      skipWhitespace();
      if (text[position] === '}') {
        position++;
        return;
      }
      for (;;) {
        skipWhitespace();
        scanString();
        skipWhitespace();
        expectLiteral(':');
        scanValue();
        skipWhitespace();
        if (text[position] === ',') {
          position++;
          continue;
        }
        expectLiteral('}');
        return;
      }
    }
    if (character === '[') {
      position++;
      skipWhitespace();
      if (text[position] === ']') {
        position++;
        return;
      }
      for (;;) {
        scanValue();
        skipWhitespace();
        if (text[position] === ',') {
          position++;
          continue;
        }
        expectLiteral(']');
        return;
      }
    }
    if (character === '"') scanString();
    else if (character === 't') expectLiteral('true');
    else if (character === 'f') expectLiteral('false');
    else if (character === 'n') expectLiteral('null');
    else scanNumber();
  };
  try {
    scanValue();
    skipWhitespace();
    if (position < text.length) fail();
    return -1;
  } catch (offset) {
    if (typeof offset === 'number') return offset;
    throw offset;
  }
}

/** Line and column (1-based) of a character offset in text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index >= 0 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * What is wrong with text that JSON.parse refused, as govsim says it wherever a file is read (the command line, the
 * explorer): an empty file said to be one, else the line and column of the first character JSON cannot accept and
 * that character, else the parser's own `message`.
 * @example jsonSyntaxMessage('{ "a": 1, }', 'Unexpected token') // 'not valid JSON at line 1, column 11: unexpected "}"'
 */
export function jsonSyntaxMessage(text: string, message: string): string {
  // An empty file (a save that failed, a file made and never filled) is said to be one, not located.
  if (text.trim() === '') return `not valid JSON: the file is empty${text === '' ? '' : ' (white space only)'}`;
  const offset = jsonErrorOffset(text);
  if (offset < 0) return `not valid JSON: ${message}`;
  const where = lineAndColumn(text, offset);
  const found = offset < text.length ? `unexpected ${JSON.stringify(text[offset])}` : 'unexpected end of file';
  return `not valid JSON at line ${where.line}, column ${where.column}: ${found}`;
}
