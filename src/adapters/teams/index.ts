import type { SurfaceFactory } from '../surface.js';

/** Placeholder until the Teams surface lands: refuses to start rather than pretending to work. */
export const createTeamsSurface: SurfaceFactory = async () => {
  throw new Error('The Teams surface is not implemented yet');
};
