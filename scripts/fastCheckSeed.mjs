// Loaded into every test process by run-tests.mjs: property tests draw their cases from one fixed
// seed, so a CI run is reproducible and a failure replays as it was. FC_SEED=N draws from another
// seed, FC_SEED=random from a fresh one each run (to look for new counterexamples).
import fc from 'fast-check';

const chosen = process.env.FC_SEED;
if (chosen !== 'random') fc.configureGlobal({ seed: chosen === undefined || chosen === '' ? 20261206 : Number(chosen) });
