// Whether a port is listened on by a given process, from Linux's /proc: a connection check cannot
// tell, since whoever took the port answers it too (another test stack's Prosody, even). No library
// answers "which process listens on this port" without running lsof or ss, hence the hand-read.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const LISTEN = '0A'; // TCP_LISTEN in /proc/net/tcp's st column

function listenInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address is ADDR:PORT in hex; inode is the 10th column
      if (cols[3] === LISTEN && parseInt(cols[1]?.split(':')[1] ?? '', 16) === port) inodes.add(cols[9]!);
    }
  }
  return inodes;
}

/** true/false when /proc can tell (Linux, our process or root); undefined elsewhere. */
export function listensOn(pid: number, port: number): boolean | undefined {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return undefined;
  }
  const inodes = listenInodes(port);
  return fds.some((fd) => {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      return m !== null && inodes.has(m[1]!);
    } catch {
      return false; // closed meanwhile
    }
  });
}
