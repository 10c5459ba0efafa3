// A CommonJS project compiled with `module: "nodenext"` (TypeScript 5.8+): static imports of the
// ES modules compile to require(), which Node.js 20.19+ and 22.12+ load.
import { Client, createNodeFetch } from "asyncovh";

export const client: Client = new Client({ endpoint: "ovh-eu", fetch: createNodeFetch() });
