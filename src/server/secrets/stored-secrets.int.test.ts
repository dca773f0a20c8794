// API tokens at rest: sealed in the database, read back in clear only by the server (the worker's requests upstream),
// never in the settings the browser gets; tokens saved before encryption are sealed at the next start.
import { describe, expect, it } from "vitest";
import { useTestAccount } from "../../test/accounts";
import { useTestDatabase } from "../../test/database";
import { getTokens } from "../services/settings";
import { createContextInner } from "../trpc/init";
import { createCaller } from "../trpc/root";
import { SecretKeyMismatchError } from "./secret-box";
import { sealPlainSecrets } from "./stored-secrets";

describe("API tokens at rest", () => {
  const database = useTestDatabase();
  const admin = useTestAccount(database, "admin");
  const caller = () => createCaller(createContextInner({ db: database.db, env: database.env(), actor: admin.actor }));
  const token = "civitai0123456789abcdefSECRET";

  it("are stored sealed, come back in clear only to the server, and never to the browser", async () => {
    const view = await caller().settings.update({ tokens: { civitai_api_token: token } });
    expect(JSON.stringify(view)).not.toContain(token);
    expect(view.tokens.civitai_api_token).toEqual({ set: true, hint: "CRET" });
    const row = await database.db.secret.findUniqueOrThrow({ where: { key: "civitai_api_token" } });
    expect(row.value).toMatch(/^v1:/);
    expect(row.value).not.toContain("SECRET");
    expect(await getTokens(database.db, database.env())).toEqual({ civitai_api_token: token });
  });

  it("cannot be read with another server's key, and say how to fix it", async () => {
    const otherMachine = database.env({ COMFYFIXER_SECRET_KEY: "another-machine-with-another-key-0123456789" });
    const error = await getTokens(database.db, otherMachine).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SecretKeyMismatchError);
    expect((error as Error).message).toMatch(/same COMFYFIXER_SECRET_KEY/);
  });

  it("saved in plain text by an older version are sealed, and still read the same", async () => {
    await database.db.secret.upsert({
      where: { key: "hf_token" },
      create: { key: "hf_token", value: "hf_plaintext_from_before" },
      update: { value: "hf_plaintext_from_before" },
    });
    expect(await sealPlainSecrets(database.db, database.env())).toBe(1);
    expect(await sealPlainSecrets(database.db, database.env())).toBe(0);
    expect((await database.db.secret.findUniqueOrThrow({ where: { key: "hf_token" } })).value).not.toContain("plaintext");
    expect((await getTokens(database.db, database.env())).hf_token).toBe("hf_plaintext_from_before");
  });
});
