import { describe, expect, it } from "vitest";
import { answerOf } from "./answer.ts";
import { BearerToken, REFRESH_MARGIN, sendWithBearer } from "./bearer-token.ts";
import type { AccessToken } from "./oauth2.ts";

/** A grant that hands out token-1, token-2… valid `lifetime` ms, and counts its calls. */
function counter(clock: { now: number }, lifetime: number | null = 3_600_000) {
  const grant = {
    calls: 0,
    fn: async (): Promise<AccessToken> => {
      grant.calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 1));
      return {
        value: `token-${grant.calls}`,
        expiresAt: lifetime === null ? undefined : clock.now + lifetime,
      };
    },
  };
  return grant;
}

describe("BearerToken", () => {
  it("fetches one token for 100 calls that need it at the same moment", async () => {
    const clock = { now: 0 };
    const grant = counter(clock);
    const bearer = new BearerToken({ grant: grant.fn, now: () => clock.now });
    const tokens = await Promise.all(Array.from({ length: 100 }, () => bearer.token()));
    expect(new Set(tokens)).toEqual(new Set(["token-1"]));
    expect(grant.calls).toBe(1);
  });

  it("keeps the token until shortly before it expires, then fetches a new one", async () => {
    const clock = { now: 0 };
    const grant = counter(clock, 3_600_000);
    const bearer = new BearerToken({ grant: grant.fn, now: () => clock.now });
    expect(await bearer.token()).toBe("token-1");
    clock.now = 3_600_000 - REFRESH_MARGIN - 1;
    expect(await bearer.token()).toBe("token-1");
    clock.now = 3_600_000 - REFRESH_MARGIN;
    expect(await bearer.token()).toBe("token-2");
    expect(grant.calls).toBe(2);
  });

  it("renews a short-lived token a tenth of its lifetime before it expires", async () => {
    const clock = { now: 0 };
    const grant = counter(clock, 10_000);
    const bearer = new BearerToken({ grant: grant.fn, now: () => clock.now });
    await bearer.token();
    clock.now = 8_999;
    expect(await bearer.token()).toBe("token-1");
    clock.now = 9_000;
    expect(await bearer.token()).toBe("token-2");
  });

  it("keeps a token without expiry until the API refuses it", async () => {
    const clock = { now: 0 };
    const grant = counter(clock, null);
    const bearer = new BearerToken({ grant: grant.fn, now: () => clock.now });
    await bearer.token();
    clock.now = 1e12;
    expect(await bearer.token()).toBe("token-1");
    expect(bearer.refused("token-1")).toBe(true);
    expect(await bearer.token()).toBe("token-2");
  });

  it("forgets a refused token once, even when many calls report it", async () => {
    const clock = { now: 0 };
    const grant = counter(clock);
    const bearer = new BearerToken({ grant: grant.fn, now: () => clock.now });
    await bearer.token();
    expect(bearer.refused("token-1")).toBe(true);
    expect(await bearer.token()).toBe("token-2");
    // A late report about the old token leaves the new one alone.
    expect(bearer.refused("token-1")).toBe(true);
    expect(await bearer.token()).toBe("token-2");
    expect(grant.calls).toBe(2);
  });

  it("uses a given access token; alone, it cannot be replaced", async () => {
    const bearer = new BearerToken({ accessToken: "given" });
    expect(await bearer.token()).toBe("given");
    expect(bearer.refused("given")).toBe(false);
    expect(await bearer.token()).toBe("given");
  });

  it("starts from a given access token and fetches one when it is refused", async () => {
    const clock = { now: 0 };
    const grant = counter(clock);
    const bearer = new BearerToken({ accessToken: "given", grant: grant.fn, now: () => clock.now });
    expect(await bearer.token()).toBe("given");
    expect(grant.calls).toBe(0);
    bearer.refused("given");
    expect(await bearer.token()).toBe("token-1");
  });

  it("shares a failed grant with its waiters, and tries again on the next call", async () => {
    let calls = 0;
    const bearer = new BearerToken({
      grant: async () => {
        calls += 1;
        if (calls === 1) throw new Error("token endpoint down");
        return { value: "token-2", expiresAt: undefined };
      },
    });
    const results = await Promise.allSettled([bearer.token(), bearer.token()]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(calls).toBe(1);
    expect(await bearer.token()).toBe("token-2");
  });
});

describe("sendWithBearer", () => {
  const statuses = (...codes: number[]) => {
    const sent: string[] = [];
    const send = async (authorization: string) => {
      sent.push(authorization);
      return answerOf(new Response("{}", { status: codes[sent.length - 1] ?? 200 }), undefined);
    };
    return { sent, send };
  };

  it("sends Authorization: Bearer <token>", async () => {
    const wire = statuses(200);
    const response = await sendWithBearer(
      new BearerToken({ accessToken: "t" }),
      undefined,
      wire.send,
    );
    expect(response.status).toBe(200);
    expect(wire.sent).toEqual(["Bearer t"]);
  });

  it("fetches a new token after a 401 and sends the call once more", async () => {
    const clock = { now: 0 };
    const grant = counter(clock);
    const bearer = new BearerToken({ grant: grant.fn, now: () => clock.now });
    const wire = statuses(401, 401);
    const response = await sendWithBearer(bearer, undefined, wire.send);
    expect(wire.sent).toEqual(["Bearer token-1", "Bearer token-2"]);
    // Once only: the second 401 is the answer.
    expect(response.status).toBe(401);
  });

  it("does not repeat a 401 when the token cannot be replaced", async () => {
    const wire = statuses(401);
    const response = await sendWithBearer(
      new BearerToken({ accessToken: "t" }),
      undefined,
      wire.send,
    );
    expect(response.status).toBe(401);
    expect(wire.sent).toHaveLength(1);
  });

  it("stops waiting for the shared token when its own call is aborted", async () => {
    let release: (token: AccessToken) => void = () => {};
    const bearer = new BearerToken({
      grant: () =>
        new Promise<AccessToken>((resolve) => {
          release = resolve;
        }),
    });
    const controller = new AbortController();
    const wire = statuses(200);
    const aborted = sendWithBearer(bearer, controller.signal, wire.send);
    const other = sendWithBearer(bearer, undefined, wire.send);
    controller.abort(new Error("user gave up"));
    await expect(aborted).rejects.toThrow("user gave up");
    release({ value: "late", expiresAt: undefined });
    expect((await other).status).toBe(200);
    expect(wire.sent).toEqual(["Bearer late"]);
    const already = new AbortController();
    already.abort(new Error("before"));
    await expect(sendWithBearer(bearer, already.signal, wire.send)).rejects.toThrow("before");
  });
});
