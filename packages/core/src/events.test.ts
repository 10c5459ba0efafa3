import { describe, expect, it } from "vitest";
import { InvalidConfiguration } from "./errors/invalid-configuration.ts";
import { type ClientEvent, checkEventHook, emit } from "./events.ts";

const event: ClientEvent = {
  type: "response",
  method: "GET",
  url: "https://eu.api.ovh.com/1.0/me",
  attempt: 1,
  status: 200,
  queryId: "EU.ext-1.q",
  durationMs: 12,
};

describe("emit", () => {
  it("hands the event to the hook", () => {
    const seen: ClientEvent[] = [];
    emit((e) => seen.push(e), event);
    expect(seen).toEqual([event]);
  });

  it("does nothing without a hook", () => {
    expect(() => emit(undefined, event)).not.toThrow();
  });

  it("swallows a hook that throws", () => {
    expect(() =>
      emit(() => {
        throw new Error("logger down");
      }, event),
    ).not.toThrow();
  });

  it("swallows a hook that rejects, without an unhandled rejection", async () => {
    let rejected = false;
    const onUnhandled = () => {
      rejected = true;
    };
    process.on("unhandledRejection", onUnhandled);
    emit(async () => {
      throw new Error("async logger down");
    }, event);
    await new Promise((resolve) => setTimeout(resolve, 10));
    process.off("unhandledRejection", onUnhandled);
    expect(rejected).toBe(false);
  });
});

describe("checkEventHook", () => {
  it("accepts a function or nothing, and refuses anything else", () => {
    const hook = () => {};
    expect(checkEventHook(hook)).toBe(hook);
    expect(checkEventHook(undefined)).toBeUndefined();
    expect(() => checkEventHook(console)).toThrow(InvalidConfiguration);
    expect(() => checkEventHook("log")).toThrow(/onEvent must be a function/);
  });
});
