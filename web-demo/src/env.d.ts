/// <reference types="vite/client" />

/** ONNX Runtime's folder relative to the inference worker's script (vite.config.ts `define`). */
declare const __SPECTRACAM_ORT_FROM_WORKER__: string;
