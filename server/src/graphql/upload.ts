/**
 * Files sent with the GraphQL multipart request spec (graphql-yoga parses the multipart body and puts
 * a File where the map says). Only what the API uses of a File is relied on: a Fetch API File from
 * Node or from Yoga's fetch ponyfill both fit.
 */
export interface UploadedFile {
  readonly name: string;
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export function isUploadedFile(value: unknown): value is UploadedFile {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<UploadedFile>;
  return typeof candidate.name === 'string' && typeof candidate.size === 'number' && typeof candidate.arrayBuffer === 'function';
}

/** The file's name as it may be stored and shown: its last path segment, printable, at most 200 characters. */
export function uploadedFileName(file: UploadedFile, fallback: string): string {
  const base = file.name.split(/[\\/]/).pop() ?? '';
  const printable = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return printable.slice(0, 200) || fallback;
}
