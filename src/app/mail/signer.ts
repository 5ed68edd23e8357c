import { createHmac, timingSafeEqual } from 'node:crypto';
import type { MessageSigner } from '../../core/notifications/ports.ts';

/** HMAC-SHA256, base64url, compared in constant time. */
export const hmacSigner: MessageSigner = {
  sign: (key, message) => createHmac('sha256', key).update(message).digest('base64url'),
  verify(key, message, signature) {
    const expected = Buffer.from(hmacSigner.sign(key, message));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  },
};
