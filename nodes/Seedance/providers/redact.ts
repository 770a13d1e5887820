// A server that echoes request headers would put the key into what the user sees (error messages
// quoting a reply, the raw task): every reply is scrubbed before anything reads it.

export const REDACTED = '[redacted]';

/** The text with the key (as sent, JSON-escaped or URL-encoded) and any bearer token replaced. */
export function redactSecrets(text: string, apiKey: string): string {
	let out = text;
	const key = apiKey.trim();
	if (key.length >= 4) {
		for (const form of new Set([key, JSON.stringify(key).slice(1, -1), encodeURIComponent(key)])) out = out.split(form).join(REDACTED);
	}
	return out.replace(/(Bearer)(?:\s|%20|\+)+(?!\[redacted\])[^\s"'<>,;&)}\]\\]+/gi, `$1 ${REDACTED}`);
}
