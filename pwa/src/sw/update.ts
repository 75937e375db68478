// A new version installs in the background and takes over once no page runs
// the old one (a page open on the old assets keeps them), or at once when a
// page asks for it: what vite-plugin-pwa's generated worker did.

export function installUpdate(self: ServiceWorkerGlobalScope): void {
  self.addEventListener('message', (event) => {
    if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
  });
  // The first install controls the page that registered it at once (a new version still waits, above, and
  // pages on the old one pass to it when it activates anyway): otherwise the map a dispatcher opens on that
  // first visit is fetched past the worker, never kept (map-cache.ts), and missing offline. By hand: it is the
  // whole of workbox-core's clientsClaim(), which the app does not otherwise depend on.
  self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
}
