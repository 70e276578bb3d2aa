// Writes docs/backoffice-api.openapi.json from the zod schemas (the one source of the contract).
import { writeFileSync } from 'node:fs';
import { backofficeOpenApi } from '../shared/backoffice/openapi';

writeFileSync('docs/backoffice-api.openapi.json', `${JSON.stringify(backofficeOpenApi(), null, 2)}\n`);
console.log('wrote docs/backoffice-api.openapi.json');
