// A "use server" file may export only async functions (and types): Next turns
// each export into a server action, and anything else (a constant, a schema, a
// sync helper) fails the build or, worse, at request time.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const DIRS = ["app", "components", "lib"];
const SKIP = new Set(["node_modules", "generated", ".next"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return SKIP.has(e.name) ? [] : sourceFiles(p);
    return /\.(ts|tsx|js|jsx|mjs)$/.test(e.name) ? [p] : [];
  });
}

function isUseServer(file: ts.SourceFile): boolean {
  for (const s of file.statements) {
    if (!ts.isExpressionStatement(s) || !ts.isStringLiteral(s.expression)) return false;
    if (s.expression.text === "use server") return true;
  }
  return false;
}

const isAsync = (node: ts.Node) => ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
const hasExport = (node: ts.Node) => ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
const isAsyncFunctionValue = (e: ts.Expression | undefined) => !!e && (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) && isAsync(e);

/** What a "use server" source exports that is not an async function, one line each. */
function nonActionExports(fileName: string, text: string): string[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const asyncLocals = new Set<string>();
  for (const s of file.statements) {
    if (ts.isFunctionDeclaration(s) && s.name && isAsync(s)) asyncLocals.add(s.name.text);
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name) && isAsyncFunctionValue(d.initializer)) asyncLocals.add(d.name.text);
    }
  }
  const bad: string[] = [];
  const where = (n: ts.Node) => `${fileName}:${file.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  for (const s of file.statements) {
    if (ts.isTypeAliasDeclaration(s) || ts.isInterfaceDeclaration(s)) continue;
    if (ts.isFunctionDeclaration(s) && hasExport(s)) {
      if (!isAsync(s)) bad.push(`${where(s)} function ${s.name?.text ?? "default"} is not async`);
    } else if (ts.isVariableStatement(s) && hasExport(s)) {
      for (const d of s.declarationList.declarations) {
        if (!isAsyncFunctionValue(d.initializer)) bad.push(`${where(d)} ${d.name.getText(file)} is not an async function`);
      }
    } else if ((ts.isClassDeclaration(s) || ts.isEnumDeclaration(s)) && hasExport(s)) {
      bad.push(`${where(s)} ${s.name?.text ?? "a class"} is not an async function`);
    } else if (ts.isExportAssignment(s)) {
      if (!isAsyncFunctionValue(s.expression) && !(ts.isIdentifier(s.expression) && asyncLocals.has(s.expression.text))) {
        bad.push(`${where(s)} the default export is not an async function`);
      }
    } else if (ts.isExportDeclaration(s) && !s.isTypeOnly) {
      if (s.moduleSpecifier || !s.exportClause || !ts.isNamedExports(s.exportClause)) {
        bad.push(`${where(s)} re-exports from another module (its exports cannot be checked here)`);
        continue;
      }
      for (const el of s.exportClause.elements) {
        if (!el.isTypeOnly && !asyncLocals.has((el.propertyName ?? el.name).text)) bad.push(`${where(el)} ${el.name.text} is not an async function`);
      }
    }
  }
  return bad;
}

describe('"use server" files', () => {
  const files = DIRS.flatMap((d) => sourceFiles(path.join(root, d)))
    .map((p) => ({ name: path.relative(root, p), text: readFileSync(p, "utf8") }))
    .filter((f) => isUseServer(ts.createSourceFile(f.name, f.text, ts.ScriptTarget.Latest, true)));

  it("are found (the server actions in lib/actions)", () => {
    expect(files.map((f) => f.name)).toContain(path.join("lib", "actions", "tag-actions.ts"));
  });

  it("export only async functions and types", () => {
    expect(files.flatMap((f) => nonActionExports(f.name, f.text))).toEqual([]);
  });

  it("the check catches each kind of non-action export", () => {
    const source = [
      '"use server";',
      "export type T = { a: number };",
      "export async function ok() {}",
      "export const okArrow = async () => 1;",
      "export const LIMIT = 20;",
      "export function sync() {}",
      "export const syncArrow = () => 1;",
      "export class Thing {}",
      "const helper = () => 2; export { helper };",
      'export { other } from "./other";',
    ].join("\n");
    expect(nonActionExports("x.ts", source).map((l) => l.replace(/^x\.ts:\d+ /, ""))).toEqual([
      "LIMIT is not an async function",
      "function sync is not async",
      "syncArrow is not an async function",
      "Thing is not an async function",
      "helper is not an async function",
      "re-exports from another module (its exports cannot be checked here)",
    ]);
  });
});
