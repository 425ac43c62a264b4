// The storage layer's public surface: what the host wires (see deploy/README.md, "State").
export { createStorage, type BotStore } from './createStorage';
export { ETagConflictError, isETagConflict } from './eTagConflict';
export { conversationKey, KeyedQueue } from './keyedQueue';
export { OptimisticConversationState, OptimisticUserState } from './optimisticState';
export { ReplyBuffer, ReplyBufferMiddleware } from './replyBuffer';
export { runTurnWithRetry, type RetryOptions, type Turn } from './runTurnWithRetry';
