/**
 * Password rules after NIST SP 800-63B and OWASP: long enough, not too long to
 * hash, not a known common password, and no composition rules.
 */

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordVerdict = { ok: true } | { ok: false; message: string };

/** Length in user-perceived characters, so an accented letter counts once. */
export function passwordLength(password: string): number {
  return [...password.normalize("NFC")].length;
}

export function checkPassword(
  password: string,
  isCommon: (candidate: string) => boolean,
  personal: readonly string[] = [],
): PasswordVerdict {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) {
    return { ok: false, message: `Use at least ${PASSWORD_MIN_LENGTH} characters. A short phrase is easy to remember.` };
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return { ok: false, message: `Use ${PASSWORD_MAX_LENGTH} characters or fewer.` };
  }
  const folded = password.normalize("NFC").toLowerCase();
  if (isCommon(folded) || /^(.)\1+$/u.test(folded)) {
    return { ok: false, message: "That password is too common and easy to guess. Try a phrase only you would think of." };
  }
  if (personal.some((value) => value.length > 0 && folded === value.toLowerCase())) {
    return { ok: false, message: "Choose a password that is not your email address or name." };
  }
  return { ok: true };
}
