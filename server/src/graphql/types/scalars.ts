/** Scalars: DateTime (ISO 8601 with a zone), Date (YYYY-MM-DD), JSON (evidence, objects) and File (uploads). */
import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { builder } from '../builder.ts';
import { isUploadedFile } from '../upload.ts';

const DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseDateTime(value: unknown): Date {
  if (typeof value === 'string' && DATE_TIME_PATTERN.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new GraphQLError(
    `DateTime values are ISO 8601 dates and times with a time zone, such as 2026-01-31T09:00:00Z (got ${JSON.stringify(value)}).`,
  );
}

export function parseDate(value: unknown): string {
  const match = typeof value === 'string' ? DATE_PATTERN.exec(value) : null;
  if (match) {
    const date = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(date.getTime()) && date.toISOString().startsWith(value as string)) return value as string;
  }
  throw new GraphQLError(`Date values are calendar dates written YYYY-MM-DD, such as 2026-01-31 (got ${JSON.stringify(value)}).`);
}

builder.scalarType('DateTime', {
  description: 'A point in time, as an ISO 8601 string with a time zone (2026-01-31T09:00:00.000Z).',
  serialize: (value) => (value instanceof Date ? value : new Date(value as string)).toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (node) => parseDateTime(node.kind === Kind.STRING ? node.value : null),
});

builder.scalarType('Date', {
  description: 'A calendar date, YYYY-MM-DD.',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)),
  parseValue: parseDate,
  parseLiteral: (node) => parseDate(node.kind === Kind.STRING ? node.value : null),
});

function literalValue(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map(literalValue);
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((field) => [field.name.value, literalValue(field.value)]));
    case Kind.VARIABLE:
      throw new GraphQLError('JSON literals cannot contain variables.');
  }
}

builder.scalarType('JSON', {
  description: 'Any JSON value (finding evidence, the object a finding concerns).',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literalValue,
});

const NOT_A_FILE = 'A File is sent as a multipart request (the GraphQL multipart request spec): put the file in a form field and map it to the variable.';

builder.scalarType('File', {
  description: 'A file uploaded with the GraphQL multipart request spec (input only).',
  serialize: () => {
    throw new GraphQLError('File is an input-only scalar.');
  },
  parseValue: (value) => {
    if (isUploadedFile(value)) return value;
    throw new GraphQLError(NOT_A_FILE);
  },
  parseLiteral: () => {
    throw new GraphQLError(NOT_A_FILE);
  },
});
