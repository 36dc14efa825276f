import type { CommandModule } from 'yargs';

// Placeholder until this command's issue lands.
export const evaluateCommand: CommandModule = {
  command: 'evaluate',
  describe: '(evaluate: not built yet)',
  handler: () => {
    throw new Error('evaluate is not built yet');
  },
};
