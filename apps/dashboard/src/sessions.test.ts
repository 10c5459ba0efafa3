import { describe, expect, it } from "vitest";
import { createSessions, FAILURES_PER_MINUTE } from "./sessions.ts";

const PASSWORD = "correct horse battery staple";

describe("sign-in throttle", () => {
  it(`checks no more than ${FAILURES_PER_MINUTE} guesses a minute, even sent at the same moment`, async () => {
    const sessions = createSessions({ password: PASSWORD, now: () => 1_000_000 });
    const answers = await Promise.all(Array.from({ length: 40 }, () => sessions.signIn("guess")));
    const refused = answers.map((answer) => ("refused" in answer ? answer.refused : "session"));
    expect(refused.filter((why) => why === "password")).toHaveLength(FAILURES_PER_MINUTE);
    expect(refused.filter((why) => why === "throttled")).toHaveLength(40 - FAILURES_PER_MINUTE);
  });

  it("does not count a right password sent with the guesses", async () => {
    const sessions = createSessions({ password: PASSWORD, now: () => 1_000_000 });
    const guesses = Array.from({ length: FAILURES_PER_MINUTE - 1 }, () => sessions.signIn("guess"));
    const [right] = await Promise.all([sessions.signIn(PASSWORD), ...guesses]);
    expect(right).toHaveProperty("session");
    expect(await sessions.signIn(PASSWORD)).toHaveProperty("session");
  });
});
