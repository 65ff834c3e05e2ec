// A generator's record source: a shape (built in, or a template) and a key distribution, from one seed.
// The same seed gives the same records (apart from the time), which is what preview and tests rely on.
import { createKeyPicker, type KeyDistributionSpec } from './keyDistribution';
import { createRandom } from './random';
import { builtInRecord, type BuiltInShape, type GeneratedRecord } from './recordShapes';
import { compileTemplate, TemplateError } from './recordTemplate';

export type ShapeSpec = { kind: BuiltInShape } | { kind: 'template'; template: string; format: 'json' | 'text' };

export type RecordSource = (now: number) => GeneratedRecord;

/** Throws TemplateError for a template that does not compile, or (format json) does not render valid JSON. */
export function createRecordSource(shape: ShapeSpec, keys: KeyDistributionSpec, seed?: number): RecordSource {
  const random = createRandom(seed);
  const pickKey = createKeyPicker(keys, random);
  let index = 0;
  if (shape.kind !== 'template') {
    const kind = shape.kind;
    return (now) => builtInRecord(kind, { random, keyIndex: pickKey(), index: index++, now });
  }
  const template = compileTemplate(shape.template);
  if (shape.format === 'json') checkJson(template.render({ random: createRandom(seed), index: 0, now: Date.now(), key: 'key-0' }));
  return (now) => {
    const key = `key-${pickKey()}`;
    return { partitionKey: key, text: template.render({ random, index: index++, now, key }) };
  };
}

function checkJson(sample: string): void {
  try {
    JSON.parse(sample);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const shown = sample.length > 200 ? `${sample.slice(0, 200)}…` : sample;
    throw new TemplateError(`The template does not give valid JSON (${reason}). A sample record: ${shown}`);
  }
}
