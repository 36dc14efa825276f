// Module resolution hook for a source checkout: adds the `source` export condition, so
// @spectracam/* packages resolve to their TypeScript sources (what --conditions=source does).
export async function resolve(specifier, context, next) {
  return next(specifier, { ...context, conditions: [...context.conditions, 'source'] });
}
