// A new version installs in the background and takes over once no page runs
// the old one (a page open on the old assets keeps them), or at once when a
// page asks for it: what vite-plugin-pwa's generated worker did.
export function installUpdate(self: ServiceWorkerGlobalScope): void {
  self.addEventListener('message', (event) => {
    if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
  });
}
