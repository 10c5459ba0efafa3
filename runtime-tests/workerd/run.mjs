export async function runWorkerd() {
  throw new Error("not yet");
}
