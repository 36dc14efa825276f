import type { CommandModule } from 'yargs';

// Placeholder until this command's issue lands.
export const exportCommand: CommandModule = {
  command: 'export',
  describe: '(export: not built yet)',
  handler: () => {
    throw new Error('export is not built yet');
  },
};
