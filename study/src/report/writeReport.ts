import { join } from 'node:path';
import { writeFileAtomic } from '@spectracam/data';
import type { EvaluationResults } from '../evaluate/evaluationResults.js';
import { buildReport } from './buildReport.js';

/** Writes `dir/report.html` for `results`; returns its path. */
export async function writeReport(dir: string, results: EvaluationResults): Promise<string> {
  const path = join(dir, 'report.html');
  await writeFileAtomic(path, await buildReport(results));
  return path;
}
