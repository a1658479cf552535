/** Service namespace used by DynamoDB for its own exceptions. */
const DYNAMODB_NAMESPACE = 'com.amazonaws.dynamodb.v20120810';
/** Namespace DynamoDB uses for request validation errors. */
const VALIDATE_NAMESPACE = 'com.amazon.coral.validate';

/**
 * An error that the front server turns into a DynamoDB JSON error response
 * (`{"__type": "<namespace>#<name>", "message": "..."}` with HTTP 400 unless told otherwise).
 */
export class DynamoDbError extends Error {
  /** Creates an error; `extra` members are added to the response body (e.g. CancellationReasons). */
  constructor(
    /** Fully qualified `__type`, e.g. `com.amazon.coral.validate#ValidationException`. */
    readonly type: string,
    message: string,
    readonly statusCode = 400,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = type.slice(type.indexOf('#') + 1);
  }

  /** The JSON body of the error response. */
  toBody(): Record<string, unknown> {
    return { __type: this.type, message: this.message, ...this.extra };
  }
}

/** A `ValidationException` as DynamoDB returns it for invalid requests. */
export function validationError(message: string): DynamoDbError {
  return new DynamoDbError(`${VALIDATE_NAMESPACE}#ValidationException`, message);
}

/** An exception in the DynamoDB namespace (ResourceNotFoundException, IdempotentParameterMismatchException, ...). */
export function serviceError(name: string, message: string, extra: Record<string, unknown> = {}): DynamoDbError {
  return new DynamoDbError(`${DYNAMODB_NAMESPACE}#${name}`, message, 400, extra);
}

/** A 500 InternalServerError (used when the emulator itself fails). */
export function internalError(message: string): DynamoDbError {
  return new DynamoDbError(`${DYNAMODB_NAMESPACE}#InternalServerError`, message, 500);
}
