// The Signal library (and its curve code) loads on first use, in its own
// chunk, so the app's first load stays small (bench: pwa-weight).
export const loadOmemo = () => import('./engine.ts');
