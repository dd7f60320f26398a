import * as fs from 'fs';
import * as path from 'path';
import { hypervisorSnippet, launchSchema, paravirtSnippet, shadowSnippet, vmmSnippet } from '../debugAdapter/launchSchema';

/**
 * package.json carries the launch.json schema (`contributes.debuggers[0].configurationAttributes
 * .launch`) because VS Code reads it from there without running code; the adapter owns it in
 * src/debugAdapter/launchSchema.ts. This copies one into the other (`--write`) or checks that
 * they agree (default); a unit test runs the check, so the two cannot drift. The hypervisor +
 * guest and the built-in VMM configuration snippets (nested, shadow, paravirtual) are kept the
 * same way (the others are written in package.json).
 */

export const PACKAGE_JSON = path.join(__dirname, '..', '..', '..', 'package.json');

/** The schema as plain JSON (what package.json must hold). */
export function expectedLaunchAttributes(): unknown {
  return JSON.parse(JSON.stringify(launchSchema));
}

interface Snippet { label: string; body: unknown }
interface PackageJson { contributes: { debuggers: Array<{ type: string; configurationAttributes: { launch: unknown }; configurationSnippets: Snippet[] }> } }

export function packageLaunchAttributes(pkg: PackageJson): unknown {
  return pkg.contributes.debuggers.find((d) => d.type === 'hyperstep')?.configurationAttributes.launch;
}

/** The snippets package.json must hold as the adapter defines them (plain JSON). */
export function expectedSnippets(): Snippet[] {
  return [hypervisorSnippet, vmmSnippet, shadowSnippet, paravirtSnippet].map((x) => JSON.parse(JSON.stringify(x)) as Snippet);
}

function snippetsAgree(pkg: PackageJson): boolean {
  const have = pkg.contributes.debuggers.find((d) => d.type === 'hyperstep')?.configurationSnippets ?? [];
  return expectedSnippets().every((want) => JSON.stringify(have.find((s) => s.label === want.label)) === JSON.stringify(want));
}

if (require.main === module) {
  const text = fs.readFileSync(PACKAGE_JSON, 'utf8');
  const pkg = JSON.parse(text) as PackageJson;
  const want = JSON.stringify(expectedLaunchAttributes());
  const same = JSON.stringify(packageLaunchAttributes(pkg)) === want && snippetsAgree(pkg);
  if (process.argv.includes('--write')) {
    if (!same) {
      const dbg = pkg.contributes.debuggers.find((d) => d.type === 'hyperstep')!;
      dbg.configurationAttributes.launch = expectedLaunchAttributes();
      for (const snippet of expectedSnippets()) {
        const i = dbg.configurationSnippets.findIndex((x) => x.label === snippet.label);
        if (i >= 0) dbg.configurationSnippets[i] = snippet; else dbg.configurationSnippets.push(snippet);
      }
      fs.writeFileSync(PACKAGE_JSON, JSON.stringify(pkg, null, 2) + '\n');
    }
    console.log(same ? 'package.json launch schema is up to date' : 'updated package.json launch schema');
  } else {
    console.log(same ? 'package.json launch schema is up to date' : 'package.json launch schema is stale: run npm run generate');
    process.exitCode = same ? 0 : 1;
  }
}
