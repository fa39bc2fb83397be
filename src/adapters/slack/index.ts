import type { SurfaceFactory } from '../surface.js';

/** Placeholder until the Slack surface lands: refuses to start rather than pretending to work. */
export const createSlackSurface: SurfaceFactory = async () => {
  throw new Error('The Slack surface is not implemented yet');
};
