import { describe, expect, it } from "vitest";
import { formatTable } from "./table.ts";

describe("formatTable", () => {
  it("draws a header, a rule as wide as each column, and columns two spaces apart", () => {
    expect(
      formatTable(
        ["ID", "App Name"],
        [
          [7, "[active] billing"],
          [1234, "[active] kvm"],
        ],
      ),
    ).toEqual([
      "  ID  App Name", //
      "----  ----------------",
      "   7  [active] billing",
      "1234  [active] kvm",
    ]);
  });

  it("aligns text to the left and numbers to the right, leaving null cells blank", () => {
    expect(
      formatTable(
        ["Name", "Last use", "Count"],
        [
          ["a", null, 5],
          ["bbb", "2024-01-02", null],
        ],
      ),
    ).toEqual([
      "Name  Last use    Count",
      "----  ----------  -----",
      "a                     5",
      "bbb   2024-01-02",
    ]);
  });

  it("treats a column mixing numbers and text as text", () => {
    expect(formatTable(["v"], [[10], ["x"]])).toEqual(["v", "--", "10", "x"]);
  });

  it("draws the header alone when there are no rows", () => {
    expect(formatTable(["ID", "Name"], [])).toEqual(["ID  Name", "--  ----"]);
  });
});
