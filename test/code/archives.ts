/**
 * Writes tar and zip archives byte by byte, so tests can build the hostile ones no well-behaved
 * archiver would produce (absolute paths, `..`, links leaving the tree, lying sizes).
 */
import { crc32, gzipSync } from 'node:zlib';

export interface ArchiveEntry {
  name: string;
  type?: 'file' | 'dir' | 'symlink' | 'hardlink';
  content?: string | Buffer;
  /** Link target. */
  target?: string;
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function tarHeader(entry: ArchiveEntry, size: number): Buffer {
  const header = Buffer.alloc(512, 0);
  const write = (text: string, offset: number, width: number): void => {
    header.write(text.slice(0, width), offset, width, 'utf8');
  };
  const typeflag = { file: '0', hardlink: '1', symlink: '2', dir: '5' }[entry.type ?? 'file'];
  write(entry.name, 0, 100);
  write(octal(entry.type === 'dir' ? 0o755 : 0o644, 8), 100, 8);
  write(octal(0, 8), 108, 8);
  write(octal(0, 8), 116, 8);
  write(octal(size, 12), 124, 12);
  write(octal(1_700_000_000, 12), 136, 12);
  write('        ', 148, 8);
  write(typeflag, 156, 1);
  write(entry.target ?? '', 157, 100);
  write('ustar\u000000', 257, 8);
  let sum = 0;
  for (const byte of header) sum += byte;
  write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return header;
}

export function tarArchive(entries: readonly ArchiveEntry[], gzip = true): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const content = entry.type === 'file' || entry.type === undefined ? Buffer.from(entry.content ?? '') : Buffer.alloc(0);
    parts.push(tarHeader(entry, content.length), content, Buffer.alloc((512 - (content.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  const tar = Buffer.concat(parts);
  return gzip ? gzipSync(tar) : tar;
}

export function zipArchive(entries: readonly ArchiveEntry[], options: { lieAboutSize?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.type === 'dir' && !entry.name.endsWith('/') ? `${entry.name}/` : entry.name, 'utf8');
    const data = entry.type === 'symlink' ? Buffer.from(entry.target ?? '') : entry.type === 'dir' ? Buffer.alloc(0) : Buffer.from(entry.content ?? '');
    const crc = crc32(data);
    const declared = options.lieAboutSize ? Math.max(0, data.length - 1) : data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6); // names are UTF-8
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);
    const mode = entry.type === 'symlink' ? 0o120777 : entry.type === 'dir' ? 0o40755 : 0o100644;
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((mode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const centralDir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDir, end]);
}
