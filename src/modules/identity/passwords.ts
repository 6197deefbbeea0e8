import argon2 from 'argon2';

// OWASP's argon2id baseline (19 MiB, 2 passes) — strong, and fast enough on a 2-core server.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

let dummy: Promise<string> | undefined;

/** Verifies; with no stored hash it still spends the same time, so unknown usernames cannot be timed. */
export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  if (!hash) {
    dummy ??= hashPassword('not-a-real-password-just-for-timing');
    await argon2.verify(await dummy, password);
    return false;
  }
  return argon2.verify(hash, password);
}

export type PasswordProblem = 'tooShort' | 'sameAsUsername';

export function passwordProblem(password: string, username: string): PasswordProblem | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'tooShort';
  if (password.toLowerCase().includes(username.toLowerCase())) return 'sameAsUsername';
  return undefined;
}
