import { describe, expect, it } from "vitest";
import { singleFileCsp } from "../../../src/lib/editions/single-file-html.ts";

describe("singleFileCsp", () => {
  it("allows styles only by hash and loads nothing but data: images and fonts", () => {
    const policy = singleFileCsp(["abc=", "def="]);
    expect(policy).toContain("style-src 'sha256-abc=' 'sha256-def=';");
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toMatch(/'self'|unsafe|https?:/);
  });
});
