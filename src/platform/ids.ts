import { createHash, randomBytes } from 'node:crypto';
import { v7 } from 'uuid';

/** Row ids: UUID v7, time-ordered so indexes stay compact. */
export const newId = (): string => v7();

/** A random secret for a cookie or an API token; only its hash is stored. */
export const newSecret = (prefix = ''): string => prefix + randomBytes(32).toString('base64url');

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);
