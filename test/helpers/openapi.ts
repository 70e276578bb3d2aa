import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import yaml from 'js-yaml';
import type { SeenRequest } from '../../fakes/fake-http';

const SPECS = join(import.meta.dirname, '../fixtures/provider-specs');

interface Operation {
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

/**
 * Checks wire traffic against a provider's published OpenAPI document: that each request Kassa
 * sends matches an operation, carries its required headers, and has a body the schema accepts, and
 * that the fakes' answers fit the documented responses.
 */
export function loadSpec(file: string, options: { prefix?: string } = {}) {
  const text = readFileSync(join(SPECS, file), 'utf8');
  const spec = (file.endsWith('.json') ? JSON.parse(text) : yaml.load(text)) as {
    paths: Record<string, Record<string, Operation>>;
  };
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema(toJsonSchema(spec) as object, 'spec');
  const templates = Object.keys(spec.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${(options.prefix ?? '') + template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));

  const pointer = (...parts: string[]) =>
    `spec#/${parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;

  function find(method: string, path: string): { template: string; op: Operation } {
    const match = templates.find((t) => t.pattern.test(path) && spec.paths[t.template]?.[method.toLowerCase()]);
    const op = match && spec.paths[match.template]?.[method.toLowerCase()];
    if (!match || !op) throw new Error(`${method} ${path} is not an operation of ${file}`);
    return { template: match.template, op };
  }

  return {
    /** Problems with one request; an empty list means it fits the document. */
    checkRequest(req: SeenRequest): string[] {
      const { template, op } = find(req.method, req.path);
      const problems: string[] = [];
      for (const param of op.parameters ?? []) {
        if (param.in === 'header' && param.required && !(param.name.toLowerCase() in req.headers)) {
          problems.push(`missing header ${param.name}`);
        }
      }
      const schema = op.requestBody?.content?.['application/json']?.schema;
      if (schema && req.rawBody) {
        const validate = ajv.compile({
          $ref: pointer(
            'paths',
            template,
            req.method.toLowerCase(),
            'requestBody',
            'content',
            'application/json',
            'schema',
          ),
        });
        if (!validate(req.body)) problems.push(...(validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
      }
      return problems;
    },
    checkResponse(method: string, path: string, status: number, body: unknown): string[] {
      const { template, op } = find(method, path);
      const response = op.responses?.[String(status)];
      if (!response) return [`status ${status} is not documented for ${method} ${template}`];
      const type = Object.keys(response.content ?? {}).find((t) => t.includes('json'));
      if (!type || !response.content?.[type]?.schema) return [];
      const validate = ajv.compile({
        $ref: pointer('paths', template, method.toLowerCase(), 'responses', String(status), 'content', type, 'schema'),
      });
      return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
    },
  };
}

/** OpenAPI 3.0's `nullable` as JSON Schema: `type: [t, 'null']` (and dropped where no type is given). */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  // A reference into another provider document (Vipps' receipt lives in the order-management API)
  // is not available here: accept anything at that spot rather than fail to compile.
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === 'string' && /^https?:/.test(ref)) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = toJsonSchema(value);
  if (out.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (Array.isArray(out.anyOf)) out.anyOf = [...out.anyOf, { type: 'null' }];
    else if (Array.isArray(out.oneOf)) out.oneOf = [...out.oneOf, { type: 'null' }];
  }
  if ('nullable' in out) delete out.nullable;
  // Vipps' Customer is a oneOf of objects with no required fields, so any object matches all three
  // and "exactly one" can never hold; read it as the "one of these shapes" it means.
  if (Array.isArray(out.oneOf) && !out.discriminator) {
    out.anyOf = out.oneOf;
    delete out.oneOf;
  }
  if (Array.isArray(out.enum) && Array.isArray(out.type) && out.type.includes('null')) out.enum = [...out.enum, null];
  return out;
}
