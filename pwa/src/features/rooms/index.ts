// The rooms feature's public face. Its components are in components.ts; its page loads when first opened.
export { useRooms } from './rooms.store.ts';
