import type { CommandModule } from 'yargs';

// Placeholder until this command's issue lands.
export const predictCommand: CommandModule = {
  command: 'predict',
  describe: '(predict: not built yet)',
  handler: () => {
    throw new Error('predict is not built yet');
  },
};
