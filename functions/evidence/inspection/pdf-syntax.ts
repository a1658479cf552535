/**
 * Byte-level PDF lexical helpers (ISO 32000-1 §7.2): white-space, delimiters, names and
 * integers, read from a buffer without decoding it to a string.
 */

const whiteSpace = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const delimiters = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

/** Whether `byte` is PDF white-space (NUL, TAB, LF, FF, CR, SP). */
export function isPdfWhiteSpace(byte: number | undefined): boolean {
  return byte !== undefined && whiteSpace.has(byte);
}

/** Whether `byte` ends a regular token: white-space, a delimiter, or the end of the data (undefined). */
export function endsPdfToken(byte: number | undefined): boolean {
  return byte === undefined || whiteSpace.has(byte) || delimiters.has(byte);
}

/** The index of the first non-white-space byte at or after `index` (may equal `buffer.length`). */
export function skipPdfWhiteSpace(buffer: Buffer, index: number): number {
  let at = index;
  while (at < buffer.length && whiteSpace.has(buffer[at]!)) at += 1;
  return at;
}

/** The name (without its slash) starting with `/` at `index`, or undefined if none starts there. */
export function readPdfName(buffer: Buffer, index: number): { name: string; end: number } | undefined {
  if (buffer[index] !== 0x2f) return undefined;
  let end = index + 1;
  while (end < buffer.length && !endsPdfToken(buffer[end])) end += 1;
  if (end === buffer.length) return undefined; // may continue beyond the visible bytes
  return { name: buffer.toString('latin1', index + 1, end), end };
}

/** The unsigned integer starting at `index`, or undefined if none (or if it may continue beyond the buffer). */
export function readPdfInteger(buffer: Buffer, index: number): { value: number; end: number } | undefined {
  let end = index;
  let value = 0;
  while (end < buffer.length) {
    const byte = buffer[end]!;
    if (byte < 0x30 || byte > 0x39) break;
    value = value * 10 + (byte - 0x30);
    end += 1;
  }
  if (end === index || end === buffer.length || !endsPdfToken(buffer[end])) return undefined;
  return { value, end };
}

/** Whether the bytes at `index` spell `text` (ASCII). */
export function bytesEqual(buffer: Buffer, index: number, text: string): boolean {
  if (index < 0 || index + text.length > buffer.length) return false;
  for (let offset = 0; offset < text.length; offset += 1) {
    if (buffer[index + offset] !== text.charCodeAt(offset)) return false;
  }
  return true;
}

/** A PDF name with its `#xx` escapes decoded (ISO 32000-1 §7.3.5): `J#53` is `JS`. */
export function decodePdfName(name: string): string {
  return name.replace(/#([0-9A-Fa-f]{2})/g, (_escape, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

const scriptNames: ReadonlySet<string> = new Set(['JS', 'JavaScript', 'AA']);

/**
 * Whether a name (without its slash, escapes allowed) starts script or automatic actions: `/JS`
 * (the script), `/JavaScript` (the action type, the document's name tree) or `/AA` (actions run
 * on opening, closing, printing or on a page).
 */
export function isScriptName(name: string): boolean {
  return scriptNames.has(decodePdfName(name));
}

const nameToken = /\/([^\0\t\n\f\r ()<>[\]{}/%]+)/g;

/** Whether PDF object text (e.g. a decoded object stream) holds a script name ({@link isScriptName}). */
export function mentionsScript(text: string): boolean {
  for (const match of text.matchAll(nameToken)) if (isScriptName(match[1]!)) return true;
  return false;
}
