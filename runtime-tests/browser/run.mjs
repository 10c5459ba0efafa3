export async function runChromium() {
  throw new Error("not yet");
}
