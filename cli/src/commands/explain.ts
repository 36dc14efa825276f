import type { CommandModule } from 'yargs';

// Placeholder until this command's issue lands.
export const explainCommand: CommandModule = {
  command: 'explain',
  describe: '(explain: not built yet)',
  handler: () => {
    throw new Error('explain is not built yet');
  },
};
