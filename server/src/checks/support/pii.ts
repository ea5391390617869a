/** Spotting personal data in free text (log lines) without repeating it in findings. */

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** Runs of 13–19 digits, possibly grouped by single spaces or dashes, not glued to other digits. */
const DIGIT_RUN = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g;

/** Issuer prefixes of the major card brands (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro). */
const CARD_PREFIX = /^(4|5[1-5]|2[2-7]|3[47]|3[068]|6011|65|64[4-9]|62|35|5[06-9]|6[0-9])/;

export function findEmails(text: string): string[] {
  return text.match(EMAIL) ?? [];
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Digit sequences that look like payment card numbers: card-brand prefix, 13–19 digits, valid Luhn checksum. */
export function findCardNumbers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.match(DIGIT_RUN) ?? []) {
    const digits = match.replace(/[ -]/g, '');
    if (digits.length < 13 || digits.length > 19) continue;
    if (/^(\d)\1+$/.test(digits) || !CARD_PREFIX.test(digits)) continue;
    if (luhnValid(digits)) found.push(digits);
  }
  return found;
}

/** "olivia.ops@example.com" → "o***@example.com". */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/** "4111111111111111" → "**** **** **** 1111". */
export function maskCard(digits: string): string {
  return `****${digits.slice(-4)}`;
}
