// Starting on ports that were free a moment ago can lose a race (see PortInUseError): two stacks of
// one test run, or a client's outgoing connection, can take a port between freePorts() and the bind.
// Holding the ports open until the bind is not possible (Prosody and the web server bind them in other
// code, some in another process), so a start that finds one of the ports *chosen for it* taken is
// tried again, whole, on newly chosen ones. A port the settings fixed (a hospital's 5222) is never
// changed: that failure is reported as it is.
import type { Settings } from '../settings/types.ts';
import { portInUse } from './ports.ts';
import { prepareSettings } from './prepare.ts';

const ATTEMPTS = 3;

/**
 * prepareSettings(settings), then start(prepared); again with fresh ports when start fails on a taken
 * port that was chosen here. start must stop what it started before it throws.
 */
export async function startOnFreePorts<T>(
  settings: Settings,
  start: (prepared: Settings) => Promise<T>,
  onRetry: (line: string) => void = () => {},
): Promise<T> {
  const fixed = Object.values(settings.ports).filter((p) => p !== 0);
  for (let attempt = 1; ; attempt++) {
    const prepared = await prepareSettings(settings);
    try {
      return await start(prepared);
    } catch (err) {
      const port = portInUse(err);
      if (attempt >= ATTEMPTS || port === undefined || fixed.includes(port)) throw err;
      onRetry(`port ${port} was taken by another program before it could be used; starting again on other ports`);
    }
  }
}
