/**
 * @module
 * Comparing a caller's token or password with yours in `authorize`, in constant time: `===`
 * stops at the first differing character, and how long it took tells an attacker how much of
 * a guess was right.
 */

const encoder = new TextEncoder();

const sha256 = async (text: string): Promise<Uint8Array> =>
  new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));

/**
 * True when `given` equals `expected`. Both are hashed first, so that the comparison takes the
 * same time whatever their lengths and wherever they differ; an empty `expected` (a secret that
 * was never set) matches nothing.
 */
export async function equalSecrets(
  given: string | null | undefined,
  expected: string | undefined,
): Promise<boolean> {
  if (typeof given !== "string" || typeof expected !== "string" || expected === "") return false;
  const [a, b] = await Promise.all([sha256(given), sha256(expected)]);
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] as number) ^ (b[i] as number);
  return difference === 0;
}
