import { readFileSync, statSync } from 'fs';
import { inputError } from './cli-error';

/**
 * The largest template the CLI reads: 1 MiB, CloudFormation's own limit for a template body
 * in S3 (51,200 bytes when passed directly). A larger template could never be deployed, and
 * refusing it keeps a run fast and its memory small.
 */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * The text of a template file. CloudFormation reads templates as UTF-8, so that is the one
 * encoding accepted, with or without a byte-order mark, in JSON and in YAML alike. A file in
 * another encoding is refused by name (a UTF-16 file read as UTF-8 would otherwise look like
 * a template without resources, and Latin-1 text would be checked with mangled values).
 */
export function readTemplateText(file: string, display: string): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw inputError(`${display}: cannot be read (${(error as Error).message})`);
  }
  if (size > MAX_TEMPLATE_BYTES) {
    throw inputError(`${display} is ${size.toLocaleString('en-US')} bytes, over the ${MAX_TEMPLATE_BYTES.toLocaleString('en-US')}-byte limit (CloudFormation's own limit for a template in S3): split it into nested stacks`);
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw inputError(`${display}: cannot be read (${(error as Error).message})`);
  }
  const text = decodeUtf8(bytes, display);
  if (text.trim().length === 0) {
    throw inputError(`${display} is empty`);
  }
  return text;
}

function decodeUtf8(bytes: Buffer, display: string): string {
  const utf16 = utf16Order(bytes);
  if (utf16 !== undefined) {
    throw inputError(`${display} is UTF-16 (${utf16}); save it as UTF-8, the encoding CloudFormation reads`);
  }
  if (bytes[0] === 0x00 && bytes[1] === 0x00 && bytes[2] === 0xfe && bytes[3] === 0xff) {
    throw inputError(`${display} is UTF-32; save it as UTF-8, the encoding CloudFormation reads`);
  }
  const withoutBom = UTF8_BOM.every((byte, index) => bytes[index] === byte) ? bytes.subarray(UTF8_BOM.length) : bytes;
  if (withoutBom.includes(0x00)) {
    throw inputError(`${display} contains NUL bytes: it is not a UTF-8 text file (save it as UTF-8)`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(withoutBom);
  } catch {
    const offset = firstInvalidUtf8(withoutBom);
    const line = withoutBom.subarray(0, offset).toString('latin1').split('\n').length;
    throw inputError(`${display} is not valid UTF-8 (line ${line}; is it Latin-1 or Windows-1252?): save it as UTF-8, the encoding CloudFormation reads`);
  }
}

/** `little-endian` or `big-endian` when the file is UTF-16: by its byte-order mark, or by NULs beside ASCII. */
function utf16Order(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe && !(bytes[2] === 0x00 && bytes[3] === 0x00)) {
    return 'little-endian';
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return 'big-endian';
  }
  // Without a mark: ASCII text in UTF-16 has a NUL in every other byte.
  if (bytes.length >= 4 && bytes[0] !== 0x00 && bytes[1] === 0x00 && bytes[3] === 0x00) {
    return 'little-endian, without a byte-order mark';
  }
  if (bytes.length >= 4 && bytes[0] === 0x00 && bytes[1] !== 0x00 && bytes[2] === 0x00) {
    return 'big-endian, without a byte-order mark';
  }
  return undefined;
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index];
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xf0 && byte < 0xf5 ? 4 : 0;
    if (length === 0 || index + length > bytes.length) {
      return index;
    }
    for (let next = 1; next < length; next++) {
      if (bytes[index + next] < 0x80 || bytes[index + next] > 0xbf) {
        return index;
      }
    }
    index += length;
  }
  return index;
}
