// Structured logs (pino), one child logger per service. Stanzas only at
// debug, and never bodies, passwords, keys or locations: the redact list
// removes the fields that could carry them if a caller passes one by mistake.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      name: 'bleep-component',
      level,
      redact: {
        paths: ['password', 'secret', 'componentSecret', 'body', 'geoloc', '*.password', '*.secret'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
