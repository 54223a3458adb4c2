// Artifact reads from a local datastore keep small artifacts once read: the
// datastore is content-addressed (a file is named by the sha of its content),
// so a later read may skip the file. Large ones and failed reads are not kept.
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { KEPT_ARTIFACT_BYTES, readArtifactPickle } from "@/lib/data/datastore";

const root = mkdtempSync(path.join(os.tmpdir(), "flowdeck-artifact-reads-"));
const where = { readable: true as const, root, dir: root };
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Writes `content` gzipped where Metaflow puts the artifact of that sha; returns the artifact and its file. */
function artifact(sha: string, content?: Buffer) {
  const file = path.join(root, "KeptFlow", "data", sha.slice(0, 2), sha);
  if (content) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, gzipSync(content));
  }
  return { ref: { flow: "KeptFlow", sha, location: file, dsType: "local" }, file };
}

describe("artifact reads", () => {
  it("reads a small artifact from its file once, then from what it kept", async () => {
    const content = Buffer.from("a small pickle's bytes");
    const { ref, file } = artifact("a".repeat(40), content);
    expect(await readArtifactPickle(where, ref)).toEqual({ ok: true, bytes: content });
    unlinkSync(file);
    expect(await readArtifactPickle(where, ref)).toEqual({ ok: true, bytes: content });
  });

  it("reads a large artifact from its file every time", async () => {
    const content = Buffer.alloc(KEPT_ARTIFACT_BYTES + 1, 7);
    const { ref, file } = artifact("b".repeat(40), content);
    const read = await readArtifactPickle(where, ref);
    expect(read.ok && read.bytes.equals(content)).toBe(true);
    unlinkSync(file);
    expect(await readArtifactPickle(where, ref)).toEqual({ ok: false, reason: `The artifact is not in the datastore (no file at ${file}).` });
  });

  it("keeps no failed read: a file written after a refused read is read", async () => {
    const { ref, file } = artifact("c".repeat(40));
    expect(await readArtifactPickle(where, ref)).toEqual({ ok: false, reason: `The artifact is not in the datastore (no file at ${file}).` });
    const content = Buffer.from("written later");
    artifact("c".repeat(40), content);
    expect(await readArtifactPickle(where, ref)).toEqual({ ok: true, bytes: content });
  });

  it("keeps artifacts apart by datastore root", async () => {
    const other = mkdtempSync(path.join(os.tmpdir(), "flowdeck-artifact-reads-other-"));
    try {
      const sha = "d".repeat(40);
      artifact(sha, Buffer.from("in the first root"));
      const { ref } = artifact(sha);
      expect(await readArtifactPickle(where, ref)).toEqual({ ok: true, bytes: Buffer.from("in the first root") });
      const elsewhere = { readable: true as const, root: other, dir: other };
      expect((await readArtifactPickle(elsewhere, ref)).ok).toBe(false);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
