import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { isDatabaseTimeout } from '../../db/pool';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

/** One validation problem: where (e.g. `body.outcome`) and what. */
export interface FieldError {
  path: string;
  message: string;
}

/** An RFC 9457 problem the API answers with on purpose. Anything else thrown is a bug (500). */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
    /** Response headers that belong to the problem, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
  }
}

export const badRequest = (detail: string, errors: FieldError[] = []) => new HttpProblem(400, 'Bad Request', detail, { errors });
export const unauthorized = (detail = 'Sign in first.') => new HttpProblem(401, 'Unauthorized', detail);
export const forbidden = (detail: string) => new HttpProblem(403, 'Forbidden', detail);
export const notFound = (detail: string) => new HttpProblem(404, 'Not Found', detail);
export const conflict = (detail: string) => new HttpProblem(409, 'Conflict', detail);
export const unprocessable = (detail: string, extra: Record<string, unknown> = {}) => new HttpProblem(422, 'Unprocessable Content', detail, extra);
export const tooManyRequests = (detail: string) => new HttpProblem(429, 'Too Many Requests', detail);
export const unavailable = (detail: string) => new HttpProblem(503, 'Service Unavailable', detail);

/** Seconds a client should wait before repeating a request refused because the database did not answer. */
export const DB_TIMEOUT_RETRY_AFTER_S = 5;

/** The database did not answer in time: nothing is wrong with the request, so "try again", never a 500. */
export const databaseTimeout = () =>
  new HttpProblem(
    503,
    'Service Unavailable',
    'The database did not answer in time; try again in a few seconds (with the same Idempotency-Key, if the request had one).',
    { code: 'db.timeout' },
    { 'retry-after': String(DB_TIMEOUT_RETRY_AFTER_S) },
  );

function send(reply: FastifyReply, status: number, body: Record<string, unknown>) {
  return reply
    .status(status)
    .type('application/problem+json')
    .send({ type: 'about:blank', status, instance: reply.request.url, ...body });
}

export function registerProblemHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'request';
      const errors: FieldError[] = error.validation.map((v) => ({
        path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'invalid',
      }));
      return send(reply, 400, {
        title: 'Bad Request',
        detail: errors.map((e) => `${e.path}: ${e.message}`).join('; '),
        errors,
      });
    }
    if (isDatabaseTimeout(error)) {
      request.log.warn({ err: error }, 'database timeout');
      error = databaseTimeout() as unknown as FastifyError;
    }
    if (error instanceof HttpProblem) {
      reply.headers(error.headers);
      return send(reply, error.status, { title: error.title, detail: error.detail, ...error.extra });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return send(reply, 500, { title: 'Internal Server Error', detail: 'The server produced an invalid response.' });
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      request.log.error({ err: error }, 'unhandled error');
      return send(reply, 500, { title: 'Internal Server Error', detail: 'Something went wrong on our side; it has been logged.' });
    }
    // Fastify's own 4xx (malformed JSON, wrong content type, body too large …).
    return send(reply, status, { title: error.code ?? 'Bad Request', detail: error.message });
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, 404, { title: 'Not Found', detail: `No route ${request.method} ${request.url.split('?')[0]}` }),
  );
}

/**
 * Fastify's router refuses some URLs before any route or error handler runs (a path parameter
 * longer than the router allows, a malformed percent-encoding): the same problem+json shape.
 */
export function frameworkProblem(error: FastifyError, _request: unknown, reply: FastifyReply) {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  return send(reply, status, { title: status === 414 ? 'URI Too Long' : 'Bad Request', detail: error.message, code: error.code });
}
