const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * Whether the JSON text in `body` nests objects/arrays deeper than `maxDepth`, found by one pass
 * over the bytes (brackets inside strings do not count), stopping at the first level too deep.
 * UTF-8 (multi-byte sequences never hold ASCII bytes); another charset is decoded first.
 */
export function exceedsJsonDepth(body: Buffer, maxDepth: number, charset = 'utf-8'): boolean {
  const bytes = /^utf-?8$/i.test(charset)
    ? body
    : Buffer.from(new TextDecoder(charset).decode(body), 'utf8');
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > maxDepth) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}
