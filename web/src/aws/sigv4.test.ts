import { describe, expect, test } from "vitest";
import { hex, hmacSha256, sha256, utf8 } from "./sha256";
import { canonicalQuery, presign, sign } from "./sigv4";

const EXAMPLE = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", region: "us-east-1" };
const WHEN = new Date(Date.UTC(2015, 7, 30, 12, 36, 0));

describe("sha256", () => {
  test("FIPS 180-2 vectors", () => {
    expect(hex(sha256(utf8("")))).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(hex(sha256(utf8("abc")))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hex(sha256(utf8("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")))).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
    expect(hex(sha256(new Uint8Array(1000).fill(0x61)))).toBe("41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
  });
  test("RFC 4231 HMAC vector 2", () => {
    expect(hex(hmacSha256(utf8("Jefe"), utf8("what do ya want for nothing?")))).toBe(
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
  });
});

describe("sigv4", () => {
  // The AWS Signature Version 4 test suite's get-vanilla and get-vanilla-query-order-key-case.
  test("get-vanilla", () => {
    const headers = sign({ method: "GET", host: "example.amazonaws.com", path: "/", query: [], headers: {}, body: new Uint8Array(), service: "service" }, EXAMPLE, WHEN);
    expect(headers.Authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    );
    expect(headers["X-Amz-Date"]).toBe("20150830T123600Z");
  });
  test("get-vanilla-query-order-key-case", () => {
    const headers = sign(
      { method: "GET", host: "example.amazonaws.com", path: "/", query: [["Param2", "value2"], ["Param1", "value1"]], headers: {}, body: new Uint8Array(), service: "service" },
      EXAMPLE,
      WHEN,
    );
    expect(headers.Authorization).toContain("Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
  });
  test("query parameters are encoded and sorted as SigV4 wants", () => {
    expect(canonicalQuery([["b", "x y"], ["a", "1/2"], ["a", "0*"]])).toBe("a=0%2A&a=1%2F2&b=x%20y");
  });
  test("S3 requests carry the payload hash", () => {
    const headers = sign({ method: "PUT", host: "h", path: "/b/k", query: [], headers: {}, body: utf8("abc"), service: "s3" }, EXAMPLE, WHEN);
    expect(headers["X-Amz-Content-Sha256"]).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(headers.Authorization).toContain("SignedHeaders=host;x-amz-content-sha256;x-amz-date");
  });
});

describe("presign", () => {
  // The example of "Authenticating Requests: Using Query Parameters (AWS
  // Signature Version 4)" in the Amazon S3 API reference.
  test("AWS's presigned URL example", () => {
    const credentials = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", region: "us-east-1" };
    const url = presign(
      { method: "GET", host: "examplebucket.s3.amazonaws.com", path: "/test.txt", service: "s3", expiresSeconds: 86400 },
      credentials,
      new Date(Date.UTC(2013, 4, 24, 0, 0, 0)),
    );
    expect("https://examplebucket.s3.amazonaws.com" + url).toBe(
      "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256" +
        "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request" +
        "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host" +
        "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
    );
  });
  test("a session token is signed and the expiry is bounded", () => {
    const url = presign(
      { method: "GET", host: "h", path: "/b/k", service: "s3", expiresSeconds: 10 ** 9 },
      { ...EXAMPLE, sessionToken: "tok/en" },
      WHEN,
    );
    expect(url).toContain("X-Amz-Security-Token=tok%2Fen");
    expect(url).toContain("X-Amz-Expires=604800");
    expect(url).toMatch(/&X-Amz-Signature=[0-9a-f]{64}$/);
  });
});
