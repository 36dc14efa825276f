/** The readers the fuzz tests drive, each through its public entry points (see fuzzChild). */
export type FuzzReader = 'csv' | 'ucr' | 'two-column' | 'jcamp' | 'spc' | 'opus' | 'wdf' | 'spa' | 'labspec';

export interface FuzzRequest {
  id: number;
  /** `folder`: a class folder given as `path` (loadDataset and readDatasetChunks on it). */
  reader: FuzzReader | 'folder';
  bytes: Uint8Array;
  /** Read this file where it is (its name in the messages) rather than the bytes written to a case file. */
  path?: string;
}

/** One public entry point's result on a case. */
export interface FuzzCall {
  /** The entry point, e.g. `loadDataset`. */
  call: string;
  /** `parsed`: spectra came back (`detail` says what is wrong with them, '' if nothing); `refused`: an Error (its message). */
  outcome: 'parsed' | 'refused' | 'threw-non-error';
  detail: string;
  ms: number;
}

export interface FuzzReply {
  id: number;
  /** The file name the calls were given (messages must name it). */
  name: string;
  calls: FuzzCall[];
  /** Resident set and JS heap after the calls less before them (after a GC), bytes. */
  rssGrowth: number;
  heapGrowth: number;
  /** The child's peak resident set so far, bytes. */
  maxRss: number;
  /** The child's CPU time so far (user + system), ms. */
  cpuMs: number;
  /** The child's resident set (the ready message only), bytes. */
  rss?: number;
}
