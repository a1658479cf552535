/** The structured logger shared by all functions (Powertools; JSON lines, English messages). */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: 'cjrh-recognition' });
