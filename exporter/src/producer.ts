import { producer as producerOf } from '@spectracam/format';

/** Name and version written into every model file. */
export const producer = producerOf('@spectracam/exporter');
