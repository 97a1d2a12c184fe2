import { resources } from './i18n';
import { LANGUAGES } from './languages';

type Tree = { readonly [key: string]: string | Tree };

/** Flattens nested messages into `a.b.c` → value. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') entries.set(path, value);
    else for (const [nested, text] of flatten(value, path)) entries.set(nested, text);
  }
  return entries;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/{{\s*([\w.]+)\s*}}/g)].map((match) => match[1] ?? '').sort();
}

const english = flatten(resources.en.translation);
const others = LANGUAGES.filter((language) => language.code !== 'en');

describe('locale resources', () => {
  it('has a resource bundle for every supported language', () => {
    expect(Object.keys(resources).sort()).toEqual(LANGUAGES.map((language) => language.code).sort());
  });

  it.each(others)('$name has exactly the same keys as English', ({ code }) => {
    const keys = flatten(resources[code].translation);
    const missing = [...english.keys()].filter((key) => !keys.has(key));
    const extra = [...keys.keys()].filter((key) => !english.has(key));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it.each(others)('$name uses the same interpolation placeholders and no empty strings', ({ code }) => {
    for (const [key, text] of flatten(resources[code].translation)) {
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(text), key).toEqual(placeholders(english.get(key) ?? ''));
    }
  });
});
