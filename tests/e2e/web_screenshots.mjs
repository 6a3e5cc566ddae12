// The screenshots in docs/ and README.md: "Mina uppgifter" of a rektor and of the
// förvaltningschef (one card per step, its units listed) and the overview with the wheel and
// its list of steps, each at 390 px (a phone) and 1280 px (a desktop), on the shipped example
// as of 2026-10-15, and the overview and a role's units of the example with 150 units (past
// the overview's 100 rows per role and unit). Run by scripts/screenshots.sh (after a build), as tests/e2e/screenshots.mjs
// makes the documents' ones; writes docs/*.png.
import { join } from 'node:path';
import { serveExample, launch, signedIn, largerRoster, SOURCE, FORVALTNINGSCHEF, REKTOR } from './example.mjs';

const out = process.argv[2] ?? join(SOURCE, 'docs');
const shots = [
  { name: 'my-tasks', person: REKTOR, path: 'my', full: true },
  { name: 'my-tasks-forvaltningschef', person: FORVALTNINGSCHEF, path: 'my', full: true },
  { name: 'wheel', person: FORVALTNINGSCHEF, path: '?process=resultatuppfoljning', full: false },
  { name: 'overview-large', person: FORVALTNINGSCHEF, path: '', from: 'Läge per roll', large: true },
  { name: 'units-rektor', person: FORVALTNINGSCHEF, path: 'enheter?roll=Rektor', full: true, large: true },
];

const small = await serveExample();
const large = await serveExample('2026-10-15', largerRoster);
const browser = await launch();
try {
  for (const shot of shots) {
    const example = shot.large ? large : small;
    for (const width of [390, 1280]) {
      const { context, page } = await signedIn(browser, example, shot.person, width);
      await page.goto(example.base + shot.path);
      // The wheel: the page down to the end of the list (on a phone) or of the wheel.
      const file = join(out, `${shot.name}-${width}.png`);
      if (shot.full) {
        await page.screenshot({ path: file, fullPage: true });
      } else if (shot.from) {
        // From the heading named to the end of the page (what is new at this size).
        const top = await page.evaluate((text) => {
          const h = [...document.querySelectorAll('h2')].find((e) => e.textContent.startsWith(text));
          return Math.floor(h.getBoundingClientRect().top + window.scrollY) - 8;
        }, shot.from);
        await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: top, width,
          height: await page.evaluate(() => document.documentElement.scrollHeight) - top } });
      } else {
        const end = await page.evaluate(() => {
          const wheel = document.querySelector('figure.wheel').getBoundingClientRect();
          return Math.ceil(wheel.bottom + window.scrollY);
        });
        await page.setViewportSize({ width, height: Math.min(end, 4000) });
        await page.screenshot({ path: file, clip: { x: 0, y: 0, width, height: Math.min(end, 4000) } });
      }
      console.log(file);
      await context.close();
    }
  }
} finally {
  await browser.close();
  small.close();
  large.close();
}
