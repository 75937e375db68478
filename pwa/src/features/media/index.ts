// The media feature's public face: encrypted attachments (XEP-0454 over
// XEP-0363). The messages feature carries their links as a content kind
// (messages/kinds/media.ts) and shows them with MediaAttachment.vue.
export { parseLink, fileName } from './aesgcm.ts';
export { fileType, CLASS_WORD, type MediaClass } from './file-types.ts';
export { useAttachments } from './attachments.store.ts';
// Plain (unencrypted) uploads reuse the slot exchange: floor plans in Admin → Site model.
export { parseRefusal, parseSlot, slotRequest } from './slot.ts';
export { refusalText as uploadRefusalText, TEXT as UPLOAD_TEXT, type Limits } from './errors.ts';
