/**
 * `npm run reference:check`: validates data/reference/ after a refresh and prints what it holds.
 * See data/reference/README.md ("Refreshing") for the procedure.
 */
import { loadReferenceData } from '../server/src/reference/load.ts';
import { validateReferenceData } from '../server/src/reference/validate.ts';

const data = loadReferenceData();
const problems = validateReferenceData(data);
const perSeries = new Map<string, number>();
for (const advisory of data.advisories) for (const a of advisory.affected) perSeries.set(a.series, (perSeries.get(a.series) ?? 0) + 1);
console.log(`reference data compiled ${data.compiled}: ${data.advisories.length} advisories, ${data.series.length} series`);
console.log(`advisories per series: ${[...perSeries].map(([s, n]) => `${s}=${n}`).join(' ')}`);
if (problems.length > 0) {
  for (const p of problems) console.error(`problem: ${p}`);
  process.exit(1);
}
console.log('ok');
