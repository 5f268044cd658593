// A small RFC 4180 reader: comma-separated fields, fields in double quotes may hold commas, line
// breaks and doubled quotes (""), records end with CRLF or LF. No CSV library is installed, and a
// catalog file needs nothing beyond the RFC.

export interface CsvRecord {
  /** 1-based line of the file where the record starts (for problem reports). */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  readonly code = 'CSV_SYNTAX';
  constructor(
    readonly line: number,
    why: string,
  ) {
    super(`line ${line}: ${why}`);
  }
}

const SPECIAL = new Set([',', '"', '\r', '\n']);

function countLineBreaks(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

/**
 * Every record of a CSV text, in order. A stray quote inside an unquoted field is kept as text
 * (lenient, as most writers produce it); a quoted field still open at the end of the text is the
 * one error, thrown with the line where that field started.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endField = () => {
    fields.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    // A blank line is no record (a trailing newline, or an empty line between records).
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
    recordLine = line;
  };
  while (i < body.length) {
    const char = body[i]!;
    if (char === '"' && field === '') {
      const openedAt = line;
      let start = i + 1;
      for (;;) {
        const close = body.indexOf('"', start);
        if (close < 0) throw new CsvSyntaxError(openedAt, 'quoted field is not closed');
        const part = body.slice(start, close);
        line += countLineBreaks(part);
        field += part;
        if (body[close + 1] !== '"') {
          i = close + 1;
          break;
        }
        field += '"';
        start = close + 2;
      }
      continue;
    }
    if (char === ',') {
      endField();
      i += 1;
    } else if (char === '\r' && body[i + 1] === '\n') {
      line += 1;
      i += 2;
      endRecord();
    } else if (char === '\n') {
      line += 1;
      i += 1;
      endRecord();
    } else {
      // Plain text up to the next comma, quote or line break, in one slice.
      let end = i + 1;
      while (end < body.length && !SPECIAL.has(body[end]!)) end += 1;
      field += body.slice(i, end);
      i = end;
    }
  }
  if (field !== '' || fields.length) endRecord();
  return records;
}
