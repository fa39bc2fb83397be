import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TeamsContext } from './context.js';

/** Type-ahead (`Data.Query`) for the people fields of the forms. */
export function registerPeopleSearch(_app: Application<TurnState>, _ctx: TeamsContext): void {}
