// Rate limits shared by every process of a node (issue 9 for data sharing, issue 16 for sign-in).
export { take, takeEach, retryAfter, type Bucket } from './rate-limit.ts';
