import type { CommandModule } from 'yargs';
import { synthCommand } from './synth.js';
import { trainCommand } from './train.js';
import { exportCommand } from './export.js';
import { wrapCommand } from './wrap.js';
import { calibrateCommand } from './calibrate.js';
import { predictCommand } from './predict.js';
import { explainCommand } from './explain.js';
import { evaluateCommand } from './evaluate.js';
import { infoCommand } from './info.js';
import { auditCommand } from './audit.js';
import { quickstartCommand } from './quickstart.js';
import { workerCommand } from './worker.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [
  quickstartCommand,
  synthCommand,
  trainCommand,
  exportCommand,
  wrapCommand,
  calibrateCommand,
  predictCommand,
  explainCommand,
  infoCommand,
  auditCommand,
  evaluateCommand,
  workerCommand,
];
