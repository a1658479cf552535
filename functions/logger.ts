/** The structured logger shared by all functions (Powertools; JSON lines, English messages). */
import { Logger } from '@aws-lambda-powertools/logger';
import { search } from '@aws-lambda-powertools/logger/correlationId';

/** Finds an invocation's correlation id in its event by a JMESPath expression (see invocation-logging.ts). */
export const logger = new Logger({ serviceName: 'cjrh-recognition', correlationIdSearchFn: search });
