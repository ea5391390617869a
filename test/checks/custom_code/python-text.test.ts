import { describe, expect, it } from 'vitest';
import { firstArgument, isFString, maskPython } from '../../../server/src/checks/custom_code/python-text.ts';

describe('maskPython', () => {
  it('blanks comments and string contents but keeps offsets, lines and quotes', () => {
    const code = "x = 'a.sudo()'  # cr.commit()\ny = \"\"\"\nexec(1)\n\"\"\"\nz = 1";
    const masked = maskPython(code);
    expect(masked).toHaveLength(code.length);
    expect(masked.split('\n')).toHaveLength(code.split('\n').length);
    expect(masked).not.toMatch(/sudo|commit|exec/);
    expect(masked).toContain("x = '        '");
    expect(masked.endsWith('z = 1')).toBe(true);
  });

  it('handles escaped quotes, a # inside a string and unterminated strings', () => {
    const code = "a = 'it\\'s # not a comment'; b.sudo()\nc = 'open\nd.sudo()";
    const masked = maskPython(code);
    expect(masked.match(/sudo/g)).toHaveLength(2);
  });

  it('keeps string contents when asked, still dropping comments', () => {
    const code = "k = 'v' # secret = 'x'";
    expect(maskPython(code, { strings: false })).toBe(`k = 'v'${' '.repeat(code.length - 7)}`);
  });

  it('recognises f-string prefixes only as prefixes', () => {
    const code = `a = f"x" + rf'y' + elif"z" + "w"`;
    const quotes = [...code].flatMap((ch, i) => (ch === '"' || ch === "'" ? [i] : []));
    expect(quotes.filter((_, n) => n % 2 === 0).map((i) => isFString(code, i))).toEqual([true, true, false, false]);
  });

  it('finds the first argument of a call across nested brackets', () => {
    const masked = maskPython('cr.execute(q % (a, b), [c])');
    const arg = firstArgument(masked, masked.indexOf('('));
    expect(masked.slice(arg!.start, arg!.end)).toBe('q % (a, b)');
  });
});

describe('maskPython on arbitrary input', () => {
  it('never throws, keeps the length and every line break, and only ever writes spaces over the original', async () => {
    const fc = await import('fast-check');
    const pythonish = fc.string({ unit: fc.constantFrom('a', 'x', ' ', '\n', '#', "'", '"', '\\', '(', ')', 'f', '.', 's', 'u', 'd', 'o', '%') });
    fc.assert(
      fc.property(pythonish, fc.boolean(), (code, strings) => {
        const masked = maskPython(code, { strings });
        expect(masked).toHaveLength(code.length);
        for (let i = 0; i < code.length; i++) {
          if (code[i] === '\n') expect(masked[i]).toBe('\n');
          else expect([code[i], ' ']).toContain(masked[i]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
