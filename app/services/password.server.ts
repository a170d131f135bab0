import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";
import { checkPassword, type PasswordVerdict } from "~/domain/password-policy";

// OWASP's minimum for Argon2id: 19 MiB of memory, two passes, one lane.
const ARGON2ID = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

let commonPasswords: Set<string> | undefined;

function isCommonPassword(candidate: string): boolean {
  commonPasswords ??= new Set(dictionary.passwords.map((entry) => entry.toLowerCase()));
  return commonPasswords.has(candidate);
}

export function judgePassword(password: string, personal: readonly string[] = []): PasswordVerdict {
  return checkPassword(password, isCommonPassword, personal);
}

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFC"), ARGON2ID);
}

// Verified against when no account matches, so a wrong address takes as long as a wrong password.
let decoyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    decoyHash ??= hashPassword("heartwork-decoy-password-for-timing");
    await verify(await decoyHash, password.normalize("NFC")).catch(() => false);
    return false;
  }
  return verify(passwordHash, password.normalize("NFC")).catch(() => false);
}
