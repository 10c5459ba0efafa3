import { existsSync, readFileSync } from "node:fs";
import { defineConfig } from "vitepress";

const repository = "https://github.com/asyncovh/asyncovh";

/** The guides in reading order; a page not written yet is left out of the sidebar. */
const guides: [slug: string, title: string][] = [
  ["getting-started", "Getting started"],
  ["credentials", "Credentials"],
  ["configuration", "Configuration"],
  ["runtimes", "Runtimes"],
  ["typed-routes", "Typed routes"],
  ["errors", "Errors"],
  ["reliability", "Reliability"],
  ["oauth2", "OAuth2 service accounts"],
  ["pagination-and-batch", "Pagination and batch"],
  ["signing-proxy", "The signing proxy"],
  ["testing-with-the-mock", "Testing with the mock"],
  ["performance", "Performance"],
];
const guide = (slug: string) => new URL(`../guide/${slug}.md`, import.meta.url);

/** Written by TypeDoc (`typedoc.json`) before the site is built. */
const apiSidebar = JSON.parse(
  readFileSync(new URL("../api/typedoc-sidebar.json", import.meta.url), "utf8"),
);

export default defineConfig({
  title: "asyncovh",
  description:
    "The TypeScript SDK for the OVHcloud APIs, for Node.js, Bun, Deno, Workers and browsers",
  lang: "en",
  // Repository files beside the site (README.md, CONTRIBUTING.md) are not pages of it.
  srcExclude: ["README.md", "api-readme.md"],
  themeConfig: {
    nav: [
      { text: "Guide", link: "/guide/getting-started" },
      { text: "API reference", link: "/api/" },
    ],
    sidebar: {
      "/guide/": [
        {
          text: "Guide",
          items: guides
            .filter(([slug]) => existsSync(guide(slug)))
            .map(([slug, text]) => ({ text, link: `/guide/${slug}` })),
        },
      ],
      "/api/": [{ text: "API reference", link: "/api/", items: apiSidebar }],
    },
    socialLinks: [{ icon: "github", link: repository }],
    search: { provider: "local" },
    outline: [2, 3],
  },
});
