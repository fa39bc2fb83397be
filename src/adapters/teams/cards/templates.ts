import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { AdaptiveCardJson, TemplateData, TemplateName } from './types.js';

/** Where the JSON templates live (repository root `adaptive-cards/`). */
export const TEMPLATE_DIR = fileURLToPath(new URL('../../../../adaptive-cards/', import.meta.url));

export const TEMPLATE_NAMES: readonly TemplateName[] = ['message', 'form'];

// Loaded untyped: the package's .d.ts imports `adaptivecards/src/*.ts`, which does not compile
// under our settings (verbatimModuleSyntax). This is the one API we use.
interface TemplateEngine {
  expand(context: { $root: unknown }): unknown;
}
const { Template } = createRequire(import.meta.url)('adaptivecards-templating') as {
  Template: new (payload: unknown) => TemplateEngine;
};

const parsed = new Map<TemplateName, TemplateEngine>();

/**
 * The parsed template, built once per name: parsing the expressions was a fifth of the CPU
 * time of a Teams card action in the bench. `expand` builds a fresh object tree per call and
 * runs synchronously, so one instance serves every request.
 */
function template(name: TemplateName): TemplateEngine {
  let engine = parsed.get(name);
  if (engine === undefined) {
    engine = new Template(JSON.parse(readFileSync(`${TEMPLATE_DIR}${name}.json`, 'utf8')));
    parsed.set(name, engine);
  }
  return engine;
}

/**
 * Expands a template ONCE with its typed data. User text is bound as data, so `${...}` typed
 * by a user stays literal; never pass an expanded card (or user text) back in as a template.
 */
export function expandCard<N extends TemplateName>(
  name: N,
  data: TemplateData[N],
): AdaptiveCardJson {
  const card = template(name).expand({ $root: data }) as Record<string, unknown>;
  // `$when: false` on a top-level property leaves null behind; Teams wants it absent.
  if (card.refresh == null) delete card.refresh;
  const { $schema: _schema, ...rest } = card;
  return rest as AdaptiveCardJson;
}
