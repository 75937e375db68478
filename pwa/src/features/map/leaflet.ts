// Leaflet and its clustering plugin, loaded only with the map (the map's
// chunk; staff never download it). Leaflet: BSD-2-Clause, ~40 KB gzipped;
// Leaflet.markercluster (MIT, the Leaflet project's own plugin) reads the
// global L, so it is set before the plugin runs (module order is import order).
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './leaflet-global.ts';
import 'leaflet.markercluster';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import 'leaflet.markercluster/dist/MarkerCluster.Default.css';

export { L };
