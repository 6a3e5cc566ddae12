// The HTML documents for managers (issue 18 items 1, 2, 7) in Debian's headless Chromium:
// the audit (default and --all), the audit of several years, the report and the follow-up of
// the shipped example. Each one
//   - reflows at 320 CSS px: the document is no wider than the window (WCAG 1.4.10);
//   - has no axe-core violation of WCAG 2.1 A and AA and the best practices;
//   - prints on A4 portrait: a PDF of a sane number of pages, and in print layout no element
//     is wider than the printable width.
// Run by ctest (web_documents) with ARSHJUL_BINARY set; SKIPPED without node or chromium.
// ARSHJUL_TEST_ARTIFACTS=<dir> keeps the PDFs there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeDocuments, launch, axeSource } from './documents.mjs';

let docs;
let context;
const figures = [];

before(async () => {
  docs = makeDocuments();
  context = await launch(docs.work);
});

after(async () => {
  await context?.close();
  if (figures.length) console.log(figures.join('\n'));
  if (docs) rmSync(docs.work, { recursive: true, force: true });
});

async function open(name, width, height = 800) {
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(pathToFileURL(docs.files[name]).href);
  return page;
}

// What the example's documents print on (measured, with room): a page that starts to print a
// list it should not (every task of the audit by default) or clips into many pages fails.
const MAX_PAGES = { audit: 6, 'audit-all': 40, 'audit-years': 12, report: 8, followup: 8, reminder: 4 };

const NAMES = ['audit', 'audit-all', 'audit-years', 'report', 'followup', 'reminder'];

for (const name of NAMES) {
  test(`${name}: reflows at 320 CSS px without scrolling sideways`, async () => {
    const page = await open(name, 320);
    const widths = await page.evaluate(() => ({
      document: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
      window: window.innerWidth,
    }));
    figures.push(`${name}: scrollWidth at 320 px = ${widths.document}`);
    assert.equal(widths.window, 320);
    assert.ok(widths.document <= 320, `${name} is ${widths.document} px wide at 320 px`);
    assert.ok(widths.body <= 320, `${name}'s body is ${widths.body} px wide at 320 px`);
    await page.close();
  });

  test(`${name}: no axe-core violations (WCAG 2.1 A, AA, best practice)`, async () => {
    for (const width of [320, 1280]) {
      const page = await open(name, width);
      await page.addScriptTag({ content: axeSource() });
      const result = await page.evaluate(() =>
        // eslint-disable-next-line no-undef
        axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
        }));
      const found = result.violations.map((v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      assert.deepEqual(found, [], `${name} at ${width} px`);
      // The check can fail: axe did run the rules this test relies on.
      const ran = new Set([...result.passes, ...result.inapplicable, ...result.incomplete].map((r) => r.id));
      for (const rule of ['region', 'landmark-one-main', 'empty-table-header', 'color-contrast'])
        assert.ok(ran.has(rule), `axe ran ${rule}`);
      await page.close();
    }
  });

  test(`${name}: prints on A4 portrait without clipping`, async () => {
    // A4 is 210 mm wide; the style sheet's margins are 12 mm: 186 mm = 703 CSS px to print on.
    const printable = Math.floor((186 / 25.4) * 96);
    const page = await open(name, printable);
    await page.emulateMedia({ media: 'print' });
    const wide = await page.evaluate((limit) => {
      const out = [];
      for (const e of document.querySelectorAll('body *')) {
        const r = e.getBoundingClientRect();
        if (r.width > 0 && (r.right > limit + 0.5 || r.left < -0.5))
          out.push(`${e.tagName.toLowerCase()}.${e.className} ${Math.round(r.left)}..${Math.round(r.right)}`);
      }
      return { out, scroll: document.documentElement.scrollWidth };
    }, printable);
    assert.deepEqual(wide.out.slice(0, 5), [], `${name}: elements wider than ${printable} px in print`);
    assert.ok(wide.scroll <= printable, `${name} prints ${wide.scroll} px wide`);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    figures.push(`${name}: PDF A4 ${pages} pages`);
    assert.ok(pages >= 1 && pages <= MAX_PAGES[name], `${name}: ${pages} pages`);
    if (process.env.ARSHJUL_TEST_ARTIFACTS) {
      mkdirSync(process.env.ARSHJUL_TEST_ARTIFACTS, { recursive: true });
      writeFileSync(join(process.env.ARSHJUL_TEST_ARTIFACTS, `${name}.pdf`), pdf);
      copyFileSync(docs.files[name], join(process.env.ARSHJUL_TEST_ARTIFACTS, `${name}.html`));
    }
    await page.close();
  });
}
