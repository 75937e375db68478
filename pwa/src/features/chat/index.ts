// The chat feature's public face. Its page loads when first opened (app/router.ts).
export { useChat } from './chat.store.ts';
