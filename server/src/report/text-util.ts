/** Small text helpers shared by the renderers: ANSI styles, padding that ignores escapes, number formats. */

export type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan' | 'magenta';

const CODES: Record<Style, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  magenta: [35, 39],
};

export type Painter = (text: string, ...styles: Style[]) => string;

/** A painter that styles text with ANSI escapes, or leaves it plain when colour is off. */
export function painter(color: boolean): Painter {
  if (!color) return (text) => text;
  return (text, ...styles) =>
    styles.reduce((out, style) => `\u001b[${CODES[style][0]}m${out}\u001b[${CODES[style][1]}m`, text);
}

// Escape sequences the painter emits; excluded when measuring column widths.
const ANSI = /\u001b\[[0-9;]*m/g;

export function visibleLength(text: string): number {
  return text.replace(ANSI, '').length;
}

export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleLength(text)));
}

export function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - visibleLength(text))) + text;
}

/** 72 → "72", 72.45 → "72.5": at most one decimal, no trailing zero. */
export function formatNumber(value: number): string {
  return String(Math.round(value * 10) / 10);
}

export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** "security.database-manager-exposed" → "SecurityDatabaseManagerExposed" (SARIF rule names). */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

/** Collapses whitespace so one value stays on one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
