// Vite builds the PWA; vite-plugin-pwa (Workbox generateSW) precaches the app
// shell so a reload with the server unreachable still shows the app, offline.
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  plugins: [
    vue(),
    VitePWA({
      registerType: 'autoUpdate',
      // The CSP allows no inline script: register from a file (registerSW.js).
      injectRegister: 'script',
      includeAssets: ['icons/icon.svg'],
      manifest: {
        name: 'Bleep: hospital messenger',
        short_name: 'Bleep',
        description: "Secure messaging on the hospital's own server.",
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: '#c81e2d',
        background_color: '#101418',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
        navigateFallback: '/index.html',
        // Never answer these from the cache: live XMPP, uploads, and the server's settings.
        navigateFallbackDenylist: [/^\/xmpp-websocket/, /^\/file_share\//, /^\/config\.json/],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: { target: 'es2022', sourcemap: false },
});
