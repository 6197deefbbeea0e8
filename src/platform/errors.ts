/**
 * Errors a service throws on purpose. The HTTP layer turns them into RFC 9457 problem details
 * (API) or a page in the user's language; anything else is a 500 and is logged.
 */
export class DomainError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 422 | 423 | 429,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class NotFound extends DomainError {
  constructor(what: string) {
    super(404, 'not-found', `${what} not found`);
  }
}

export class Forbidden extends DomainError {
  constructor(action: string) {
    super(403, 'forbidden', `Not allowed: ${action}`);
  }
}

export class Unauthenticated extends DomainError {
  constructor() {
    super(401, 'unauthenticated', 'Authentication required');
  }
}
