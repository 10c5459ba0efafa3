// Serves the installed @asyncovh/mock on 127.0.0.1 and prints where, with its demo credentials,
// as one JSON line; stops when its standard input closes.
import { createMockOvh, DEMO_CREDENTIALS } from "@asyncovh/mock";
import { serve } from "@asyncovh/mock/node";

const server = await serve(createMockOvh());
console.log(JSON.stringify({ baseUrl: server.baseUrl, ...DEMO_CREDENTIALS }));
process.stdin.on("end", () => server.close());
process.stdin.resume();
