import type { CommandModule } from 'yargs';

// Placeholder until this command's issue lands.
export const trainCommand: CommandModule = {
  command: 'train',
  describe: '(train: not built yet)',
  handler: () => {
    throw new Error('train is not built yet');
  },
};
