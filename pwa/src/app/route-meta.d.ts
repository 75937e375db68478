// What routes say about themselves (router.ts), typed for every `route.meta`.
import 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** Only for a signed-in user: otherwise the login page. */
    signedIn?: boolean;
    /** The main tab this route is (app/tabs.ts). */
    tab?: string;
  }
}
