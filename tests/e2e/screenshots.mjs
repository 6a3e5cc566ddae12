// The screenshots of the managers' documents in docs/ (README.md shows them): the audit, the
// report and the follow-up of the shipped example at a phone's width (390 CSS px) and a
// desktop's (1280), what a reader sees first, in Debian's headless Chromium.
//
//   ARSHJUL_BINARY=build/arshjul node tests/e2e/screenshots.mjs [OUTDIR]   (default docs/)
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeDocuments, launch, SOURCE } from './documents.mjs';

const out = resolve(process.argv[2] ?? join(SOURCE, 'docs'));
mkdirSync(out, { recursive: true });
const docs = makeDocuments();
const context = await launch(docs.work);
try {
  for (const name of ['audit', 'report', 'followup']) {
    for (const [width, height] of [[390, 1200], [1280, 1000]]) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height });
      await page.goto(pathToFileURL(docs.files[name]).href);
      const file = join(out, `${name}-${width}.png`);
      await page.screenshot({ path: file });
      console.log(file);
      await page.close();
    }
  }
} finally {
  await context.close();
  rmSync(docs.work, { recursive: true, force: true });
}
