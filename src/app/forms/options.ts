import type { Locale } from '../../domain/people.js';
import { type MessageKey, translator } from '../messages/catalogue.js';
import type { CategoryOption, FormField, OptionChoice } from './model.js';

/** The options of a choice or radio field, labelled in the reader's language. */
export function optionsOf(
  field: FormField,
  locale: Locale,
  categories: readonly CategoryOption[] = [],
): OptionChoice[] {
  const source = field.options;
  if (!source) return [];
  if (source.from === 'categories') {
    return categories
      .filter((category) => category.active !== false)
      .map((category) => ({ value: category.key, label: category.label[locale] }));
  }
  const t = translator(locale);
  return source.values.map((value) => ({
    value,
    label: t(`${source.prefix}.${value}` as MessageKey),
  }));
}
