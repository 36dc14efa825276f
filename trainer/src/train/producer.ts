/** Written into every run record; bump with trainer/package.json. */
export const PRODUCER = { name: '@spectracam/trainer', version: '0.1.0' } as const;
