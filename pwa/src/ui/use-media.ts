// Whether a media query matches now, kept up to date (the window is resized,
// a phone is turned).
import { onBeforeUnmount, ref, type Ref } from 'vue';

export function useMedia(query: string): Ref<boolean> {
  const list = window.matchMedia(query);
  const matches = ref(list.matches);
  const follow = (e: MediaQueryListEvent) => (matches.value = e.matches);
  list.addEventListener('change', follow);
  onBeforeUnmount(() => list.removeEventListener('change', follow));
  return matches;
}
