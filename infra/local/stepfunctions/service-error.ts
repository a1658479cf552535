/**
 * An error the Step Functions API returns to the caller with HTTP 400, e.g.
 * `new ServiceError('ExecutionDoesNotExist', 'Execution does not exist: arn…')`.
 */
export class ServiceError extends Error {
  /** Creates the error; `type` becomes the `__type` of the response body. */
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}
