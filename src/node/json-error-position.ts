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
