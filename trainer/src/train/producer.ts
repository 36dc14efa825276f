import { producer } from '@spectracam/format';

/** Written into every run record. */
export const PRODUCER = producer('@spectracam/trainer');
