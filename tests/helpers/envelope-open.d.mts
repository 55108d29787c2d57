/** Types of envelope-open.mjs, the decryptor written from docs/envelope.md alone. */
export class NotAnEnvelope extends Error {}
export function openEnvelope(text: string, passphrase: string): Promise<Buffer | null>;
