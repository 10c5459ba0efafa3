// The types of the browser bundle the page imports as `./asyncovh.browser.js` (served by the
// dashboard, not a file here): asyncovh's own, under the `browser` condition.
export * from "asyncovh";
