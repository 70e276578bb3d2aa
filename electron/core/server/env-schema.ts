import { z } from 'zod';

/** A whole number written in an environment variable ('' counts as unset). */
export const envWholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .string()
      .trim()
      .regex(/^\d+$/, { error: 'must be a whole number' })
      .transform(Number)
      .pipe(
        z
          .number()
          .min(min, { error: `must be at least ${min}` })
          .max(max, { error: `must be at most ${max}` }),
      )
      .optional(),
  );

export const envPort = envWholeNumber(0, 65_535);

/**
 * Parses the environment with `schema`; a bad value stops the host with a message naming the
 * variable and its value, instead of a NaN travelling on into the engine.
 */
export function parseEnvironment<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = String(issue?.path[0] ?? 'environment');
  throw new Error(`invalid ${name}: "${env[name] ?? ''}" ${issue?.message ?? ''}`.trim());
}
