import { describe, expect, it } from "vitest";
import { checkPassword, PASSWORD_MAX_LENGTH, passwordLength } from "~/domain/password-policy";

const common = new Set(["qwertyuiop123", "passwordpassword"]);
const isCommon = (candidate: string) => common.has(candidate);

describe("password policy", () => {
  it("accepts a long phrase with no composition rules at all", () => {
    expect(checkPassword("lanterns over the canal", isCommon)).toEqual({ ok: true });
    expect(checkPassword("aaaaaaaaaaab", isCommon)).toEqual({ ok: true });
  });

  it("needs at least 12 characters, counted as a person counts them", () => {
    expect(checkPassword("elevenchars", isCommon)).toMatchObject({ ok: false, message: expect.stringContaining("at least 12") });
    // Accents typed as combining marks still count once each: 11 characters, 16 code points.
    const decomposed = "ééééé abcde".normalize("NFD");
    expect(decomposed.length).toBe(16);
    expect(passwordLength(decomposed)).toBe(11);
    expect(checkPassword(decomposed, isCommon)).toMatchObject({ ok: false });
    expect(checkPassword("ééééé abcdef".normalize("NFD"), isCommon)).toEqual({ ok: true });
  });

  it("takes up to 128 characters and refuses more", () => {
    expect(checkPassword("a".repeat(PASSWORD_MAX_LENGTH - 1) + "b", isCommon)).toEqual({ ok: true });
    expect(checkPassword("a".repeat(PASSWORD_MAX_LENGTH) + "b", isCommon)).toMatchObject({ ok: false });
  });

  it("refuses common passwords whatever their case", () => {
    expect(checkPassword("QwertyUiop123", isCommon)).toMatchObject({ ok: false, message: expect.stringContaining("too common") });
  });

  it("refuses one character repeated, and the person's own email address", () => {
    expect(checkPassword("zzzzzzzzzzzzzz", isCommon)).toMatchObject({ ok: false });
    expect(checkPassword("Sam.Jones@example.org", isCommon, ["sam.jones@example.org"])).toMatchObject({ ok: false });
  });
});
