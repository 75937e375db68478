// Vite builds the PWA; vite-plugin-pwa builds our own service worker
// (src/sw/, injectManifest) and gives it the list of files to precache, so a
// reload with the server unreachable still shows the app, offline.
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { quietCryptoLogs } from './src/features/omemo/quiet-logs.ts';
import { LEAFLET_CHUNK, shellOnly } from './src/sw/map-assets.ts';

export default defineConfig({
  plugins: [
    vue(),
    quietCryptoLogs(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
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
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
        // The app shell only: the map's code is cached when first used (src/sw/map-assets.ts).
        manifestTransforms: [(entries) => ({ manifest: shellOnly(entries), warnings: [] })],
        // A classic worker (registerSW.js registers it without type: 'module').
        rollupFormat: 'iife',
      },
    }),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
    // Leaflet and its plugin in a chunk of their own, by name, so the service worker can leave it out of the
    // precache (src/sw/map-assets.ts); otherwise the chunk is named after whichever module of ours imports it.
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: LEAFLET_CHUNK, test: /[\\/]node_modules[\\/]leaflet/ }] } },
    },
  },
});
