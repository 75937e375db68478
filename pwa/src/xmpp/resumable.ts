// Keeps a stream resumable (XEP-0198) whatever ends its socket, except the
// user signing out.
//
// xmpp.js's disconnect() first sends the stream close (RFC 7395 <close/>, or
// </stream:stream> over TCP), which Prosody takes as the end of the session
// and so refuses the <resume/> that follows. @xmpp/stream-management calls
// disconnect() itself when the server has not acknowledged for its timeout
// (a dead Wi-Fi link, a server paused for a moment): a new session would
// then start, and whatever the server queued for the old one would wait for
// the hibernation to expire. Only stop() should close the stream; any other
// disconnect() drops the socket, so Prosody hibernates the session and the
// reconnect resumes it. Written by hand: xmpp.js has no option for this.
import type { Client } from '@xmpp/client';

export function keepResumable(xmpp: Client): void {
  const close = xmpp.disconnect.bind(xmpp);
  const stop = xmpp.stop.bind(xmpp);
  let stopping = false;
  xmpp.stop = async () => {
    stopping = true;
    try {
      return await stop();
    } finally {
      stopping = false;
    }
  };
  xmpp.disconnect = async () => {
    if (stopping || xmpp.status !== 'online' || !xmpp.socket) return close();
    xmpp.socket.end();
  };
}
