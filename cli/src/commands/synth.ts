import type { CommandModule } from 'yargs';

// Placeholder until this command's issue lands.
export const synthCommand: CommandModule = {
  command: 'synth',
  describe: '(synth: not built yet)',
  handler: () => {
    throw new Error('synth is not built yet');
  },
};
