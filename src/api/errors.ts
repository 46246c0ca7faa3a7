import type { FastifyError, FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError, UserError } from '../domain/errors.js';

/**
 * The one JSON error shape of the API: `{"error":{"code":"bad_request","message":"…","details":[…]}}`.
 * `code` names the class of error (one per HTTP status); `details` lists what was wrong with which input
 * (query parameter, path parameter or cursor), empty when there is nothing more to say.
 */
export const ERROR_CODES = {
  400: 'bad_request',
  404: 'not_found',
  409: 'conflict',
  500: 'internal',
} as const;
export type ErrorStatus = keyof typeof ERROR_CODES;

export const errorDetailSchema = z.object({
  /** Where: `query.limit`, `params.code`, `cursor`… */
  path: z.string(),
  message: z.string(),
});
export const errorSchema = z.object({
  error: z.object({
    code: z.enum(Object.values(ERROR_CODES) as [string, ...string[]]),
    message: z.string(),
    details: z.array(errorDetailSchema),
  }),
});
export type ErrorBody = z.output<typeof errorSchema>;
export type ErrorDetail = z.output<typeof errorDetailSchema>;

/** An error the API answers with its own status (thrown by endpoints and the request pipeline). */
export class ApiError extends AppError {
  constructor(
    readonly status: ErrorStatus,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message, ERROR_CODES[status]);
  }
}

export const notFound = (message: string) => new ApiError(404, message);
export const badRequest = (message: string, details: ErrorDetail[] = []) =>
  new ApiError(400, message, details);

/** Validation issues as details, each prefixed with where the value came from. */
export function zodDetails(where: string, error: z.ZodError): ErrorDetail[] {
  return error.issues.map((i) => ({
    path: [where, ...i.path.map(String)].join('.'),
    message: i.code === 'unrecognized_keys' ? `unknown parameter(s): ${i.keys.join(', ')}` : i.message,
  }));
}

// UserError codes (src/domain/errors.ts callers) that mean "no such thing" or "more than one thing".
const USER_STATUS: Record<string, ErrorStatus> = { 'not-found': 404, 'no-data': 404, ambiguous: 409 };

/** Any thrown value as a status and the error body. Internal errors never leak their message. */
export function toErrorResponse(error: unknown): { status: ErrorStatus; body: ErrorBody } {
  const body = (status: ErrorStatus, message: string, details: ErrorDetail[] = []) => ({
    status,
    body: { error: { code: ERROR_CODES[status], message, details } },
  });
  if (error instanceof ApiError) return body(error.status, error.message, error.details);
  if (error instanceof UserError) return body(USER_STATUS[error.code] ?? 400, error.message);
  // A parameter an analysis rejected (its params schema): the request's fault.
  if (error instanceof z.ZodError) return body(400, 'invalid parameters', zodDetails('query', error));
  const fastifyError = error as Partial<FastifyError> | null;
  const status = typeof fastifyError?.statusCode === 'number' ? fastifyError.statusCode : 500;
  if (status >= 400 && status < 500) {
    return body(status === 404 ? 404 : 400, fastifyError?.message ?? 'bad request');
  }
  return body(500, 'internal error (the server log has the details)');
}

/** Installs the error handler and the not-found handler: every failure answers the one shape. */
export function installErrorHandlers(app: FastifyInstance, log: (line: string) => void): void {
  app.setErrorHandler((error, request, reply) => {
    const { status, body } = toErrorResponse(error);
    if (status === 500) {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      log(`${request.method} ${request.url}: ${detail}`);
    }
    return reply.status(status).type('application/json; charset=utf-8').send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const { body } = toErrorResponse(
      new ApiError(404, `no such endpoint: ${request.method} ${request.url.split('?')[0]!.slice(0, 200)}`),
    );
    return reply.status(404).type('application/json; charset=utf-8').send(body);
  });
}
