import * as tfc from '@tensorflow/tfjs-core';
// tfjs-core's Node bundle registers no gradients; tfjs-layers' Node bundle registers them all
// (into core's global registry) when it loads, so loading it is what makes training possible.
import '@tensorflow/tfjs-layers';

// Silences tfjs' console banners and kernel re-registration notices: library code never prints.
tfc.env().set('PROD', true);
