// A CommonJS project compiled with `module: "node16"`: the packages are ES modules, which a
// CommonJS file reaches through import() (a static import is TS1479 there).
export async function nickname(endpoint: string): Promise<string> {
  const { Client } = await import("asyncovh");
  const client = new Client({ endpoint });
  return (await client.get<{ nichandle: string }>("/me")).nichandle;
}
