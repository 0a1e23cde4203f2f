import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { isDatabaseUnavailable } from '../../db/pool';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { localizeProblem, problemLanguage } from './problem-language';
import { CaseNoAnswer } from '../temporal/case-state';
import { namedProblemExtra, type ProblemNamer } from './problem-names';

/**
 * One validation problem: where (e.g. `body.outcome`) and what. `code` and `params` let the console
 * say it in the user's language (zod's issue codes as `zod.<code>`, form checks as `form.<rule>`).
 */
export interface FieldError {
  path: string;
  message: string;
  code?: string;
  params?: ProblemParams;
  /** Why unstorable input was refused (`input.unstorable`). */
  reason?: string;
}

/** What a refusal's `code` names (a user id, a limit …): the console fills its own wording with them. */
export type ProblemParams = Record<string, string | number | boolean | Array<string | number>>;

/**
 * An RFC 9457 problem the API answers with on purpose. Anything else thrown is a bug (500).
 * `extra` carries at least a stable `code` (and `params`) for every refusal the API makes on purpose.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    /** At least the refusal's stable `code`: the console words it from that, not from `detail`. */
    readonly extra: ProblemInfo,
    /** Response headers that belong to the problem, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }

  get code(): string {
    return this.extra.code;
  }
}

/** The code and parameters of a refusal, and any further members (`errors`). */
export interface ProblemInfo {
  code: string;
  params?: ProblemParams;
  errors?: FieldError[];
  [member: string]: unknown;
}

const problem = (status: number, title: string) => (detail: string, info: ProblemInfo) => new HttpProblem(status, title, detail, { ...info });

export const badRequest = problem(400, 'Bad Request');
export const unauthorized = (detail = 'Sign in first.', info: ProblemInfo = { code: 'auth.required' }) => new HttpProblem(401, 'Unauthorized', detail, { ...info });
export const forbidden = problem(403, 'Forbidden');
export const notFound = problem(404, 'Not Found');
export const conflict = problem(409, 'Conflict');
/** What existed and was destroyed on purpose (a history purged with its archive), unlike 404. */
export const gone = problem(410, 'Gone');
export const unprocessable = problem(422, 'Unprocessable Content');
export const tooManyRequests = problem(429, 'Too Many Requests');
export const unavailable = problem(503, 'Service Unavailable');

/** The parameters of a zod issue worth showing (never its `input`: that can be anything the client sent). */
export function zodParams(params: Record<string, unknown> | undefined): ProblemParams | undefined {
  if (!params) return undefined;
  const out: ProblemParams = {};
  for (const name of ['expected', 'origin', 'format', 'minimum', 'maximum', 'inclusive', 'divisor', 'keys', 'values'] as const) {
    const v = params[name];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[name] = v;
    else if (typeof v === 'bigint') out[name] = Number(v);
    else if (Array.isArray(v)) out[name] = v.filter((x): x is string | number => typeof x === 'string' || typeof x === 'number').slice(0, 20);
  }
  // A refinement's own reason (`params: { reason }` in contract/*): worded as problem.zod.custom.<reason>.
  const own = params.params as Record<string, unknown> | undefined;
  if (typeof own?.reason === 'string' && /^[A-Za-z]{1,60}$/.test(own.reason)) out.reason = own.reason;
  return Object.keys(out).length ? out : undefined;
}

/** Seconds a client should wait before repeating a request refused because the database did not answer. */
export const DB_TIMEOUT_RETRY_AFTER_S = 5;

/** The database did not answer in time (or was restarting, or a deadlock rolled the work back): nothing is wrong with the request, so "try again", never a 500. */
export const databaseTimeout = () =>
  new HttpProblem(
    503,
    'Service Unavailable',
    'The database did not answer in time; try again in a few seconds (with the same Idempotency-Key, if the request had one).',
    { code: 'db.timeout' },
    { 'retry-after': String(DB_TIMEOUT_RETRY_AFTER_S) },
  );

/**
 * Every problem the API writes goes out here: in zh-CN, or English when the request's Accept-Language
 * prefers it (problem-language.ts); `code`, `params` and `errors[].code/params/path` as they were.
 */
function send(reply: FastifyReply, status: number, body: { title: string; detail: string } & Record<string, unknown>) {
  const lang = problemLanguage(reply.request.headers['accept-language']);
  return reply
    .status(status)
    .type('application/problem+json')
    .header('content-language', lang)
    .send(localizeProblem({ type: 'about:blank', status, instance: reply.request.url, ...body }, lang));
}

/** `namer`: a namer per refusal for the ids in its params (problem-names.ts); without it they stay ids. */
export function registerProblemHandling(app: FastifyInstance, opts: { namer?: () => ProblemNamer } = {}): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'request';
      const errors: FieldError[] = error.validation.map((v) => {
        const params = zodParams(v.params as Record<string, unknown> | undefined);
        return {
          path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
          message: v.message ?? 'invalid',
          code: `zod.${v.keyword}`,
          ...(params && { params }),
        };
      });
      return send(reply, 400, {
        title: 'Bad Request',
        detail: errors.map((e) => `${e.path}: ${e.message}`).join('; '),
        code: 'request.invalid',
        errors,
      });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database timeout or unavailable');
      error = databaseTimeout() as unknown as FastifyError;
    }
    if (error instanceof CaseNoAnswer) {
      // A state query no worker answered in time (workers down, or a case stuck): nothing was lost.
      error = unavailable(error.message, { code: 'case.noAnswer', params: { caseId: error.caseId, seconds: error.seconds } }) as unknown as FastifyError;
    }
    if (error instanceof HttpProblem) {
      reply.headers(error.headers);
      const extra = opts.namer ? await namedProblemExtra(error.extra, opts.namer()) : error.extra;
      return send(reply, error.status, { title: error.title, detail: error.detail, ...extra });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return send(reply, 500, { title: 'Internal Server Error', detail: 'The server produced an invalid response.', code: 'server.invalidResponse' });
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      request.log.error({ err: error }, 'unhandled error');
      return send(reply, 500, { title: 'Internal Server Error', detail: 'Something went wrong on our side; it has been logged.', code: 'server.error' });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const limit = request.routeOptions.bodyLimit ?? request.server.initialConfig.bodyLimit ?? 0;
      const megabytes = Math.round((limit / 1024 / 1024) * 10) / 10;
      return send(reply, 413, { title: 'Content Too Large', detail: `The request body is larger than the ${megabytes} MB this route accepts.`, code: 'request.tooLarge', params: { megabytes }, limit });
    }
    // Fastify's own 4xx (malformed JSON, wrong content type …).
    return send(reply, status, { title: error.code ?? 'Bad Request', detail: error.message, code: 'request.malformed', params: { reason: error.code ?? String(status) } });
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, 404, { title: 'Not Found', detail: `No route ${request.method} ${request.url.split('?')[0]}`, code: 'route.notFound' }),
  );
}

/**
 * Fastify's router refuses some URLs before any route or error handler runs (a path parameter
 * longer than the router allows, a malformed percent-encoding): the same problem+json shape.
 */
export function frameworkProblem(error: FastifyError, _request: unknown, reply: FastifyReply) {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  return send(reply, status, { title: status === 414 ? 'URI Too Long' : 'Bad Request', detail: error.message, code: 'request.malformed', params: { reason: error.code ?? String(status) } });
}

/**
 * A request Node's HTTP parser refused before Fastify saw it (bytes no request line may hold, such
 * as unencoded Chinese in a URL; a broken or oversized header; a request too slow to arrive): the
 * same problem+json shape as every other refusal, written on the socket, which is then closed.
 * (Fastify's own answer here was a different JSON shape.)
 */
export function clientErrorProblem(err: NodeJS.ErrnoException & { rawPacket?: unknown }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const reason = STATUS_CODES[status]!;
  const detail =
    status === 408 ? 'The request did not arrive in time.' : status === 431 ? 'The request headers are too large.' : 'The request is not valid HTTP (a URL must percent-encode characters outside ASCII).';
  const lang = problemLanguage(rawAcceptLanguage(err.rawPacket));
  const problem = localizeProblem({ type: 'about:blank', status, title: reason, detail, code: 'request.malformed', params: { reason: err.code ?? String(status) } }, lang);
  const body = JSON.stringify(problem);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Language: ${lang}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

/** The Accept-Language of a request Node could not parse, when its bytes show one (only to choose the language; never echoed). */
function rawAcceptLanguage(raw: unknown): string | undefined {
  if (!Buffer.isBuffer(raw)) return undefined;
  return /\r\naccept-language:[ \t]*([^\r\n]{0,512})/i.exec(raw.subarray(0, 16_384).toString('latin1'))?.[1];
}
