// The app's name, in one place: the top bar, and the sender of the operations
// service's own messages (its alarm states, summaries, notes in rooms), which
// would otherwise show as its address (ops.<domain>).
export const APP_NAME = 'Bleep';
