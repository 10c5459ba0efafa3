import { describe, expect, it } from "vitest";
import { isTimestampRejected, parseErrorBody } from "./clock-drift.ts";

describe("isTimestampRejected", () => {
  it("recognises OVH's QUERY_TIME_OUT answer", () => {
    const body = {
      class: "Client::BadRequest",
      errorCode: "QUERY_TIME_OUT",
      httpCode: "400 Bad Request",
      message: "Query out of time",
    };
    expect(isTimestampRejected(400, body)).toBe(true);
  });

  it("recognises the message alone", () => {
    expect(isTimestampRejected(400, { message: "Query out of time" })).toBe(true);
  });

  it("ignores other statuses and other 400s", () => {
    expect(isTimestampRejected(403, { errorCode: "QUERY_TIME_OUT" })).toBe(false);
    expect(
      isTimestampRejected(400, { errorCode: "INVALID_SIGNATURE", message: "Invalid signature" }),
    ).toBe(false);
    expect(isTimestampRejected(400, { message: 42 })).toBe(false);
    expect(isTimestampRejected(400, "Query out of time")).toBe(false);
    expect(isTimestampRejected(400, null)).toBe(false);
    expect(isTimestampRejected(400, undefined)).toBe(false);
  });
});

describe("parseErrorBody", () => {
  it("parses JSON and turns anything else into undefined", () => {
    expect(parseErrorBody('{"errorCode":"X"}')).toEqual({ errorCode: "X" });
    expect(parseErrorBody("<html>Bad Request</html>")).toBeUndefined();
    expect(parseErrorBody("")).toBeUndefined();
  });
});
