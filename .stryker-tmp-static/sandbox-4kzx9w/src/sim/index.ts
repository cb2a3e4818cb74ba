// @ts-nocheck
// The strict Proxmox VE simulator: public API.
export { runSim, type SimContext, type SimResult, type JournalEntry } from './run.js';
export { SimHost, createSimHost, ensureSimState } from './host.js';
export { SIM_LATENCY_MS, DEFAULT_SIM_SPEED, type LatencyKey } from './latency.js';
export type { SimSeed, SimState } from './state.js';
export { writeSimShims, SHIM_COMMANDS } from './shims.js';
