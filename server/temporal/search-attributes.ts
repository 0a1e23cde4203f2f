import type { OperatorService } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
import { caseSearchAttributes } from '../../workflows/search-attributes';

const cliTypeName: Record<string, string> = {
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.INT]: 'Int',
  [SearchAttributeType.TEXT]: 'Text',
  [SearchAttributeType.BOOL]: 'Bool',
  [SearchAttributeType.DATETIME]: 'Datetime',
  [SearchAttributeType.DOUBLE]: 'Double',
  [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
};

/** `--search-attribute Name=Type` arguments for `temporal server start-dev`. */
export function devServerSearchAttributeArgs(): string[] {
  return caseSearchAttributes.flatMap((k) => ['--search-attribute', `${k.name}=${cliTypeName[k.type]}`]);
}

// Proto enum values of temporal.api.enums.v1.IndexedValueType.
const indexedValueType: Record<string, number> = {
  [SearchAttributeType.TEXT]: 1,
  [SearchAttributeType.KEYWORD]: 2,
  [SearchAttributeType.INT]: 3,
  [SearchAttributeType.DOUBLE]: 4,
  [SearchAttributeType.BOOL]: 5,
  [SearchAttributeType.DATETIME]: 6,
  [SearchAttributeType.KEYWORD_LIST]: 7,
};

/** Registers any missing case search attribute on a cluster (the dev server gets them as flags). */
export async function ensureSearchAttributes(connection: { operatorService: OperatorService }, namespace: string): Promise<string[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set([...Object.keys(existing.customAttributes ?? {}), ...Object.keys(existing.systemAttributes ?? {})]);
  const missing = caseSearchAttributes.filter((k) => !known.has(k.name));
  if (missing.length === 0) return [];
  await addSearchAttributes(connection, namespace, missing);
  return missing.map((k) => k.name);
}

/** Registers these search attributes without listing first (the time-skipping test server cannot list them). */
export async function addSearchAttributes(connection: { operatorService: OperatorService }, namespace: string, keys: typeof caseSearchAttributes = caseSearchAttributes): Promise<void> {
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(keys.map((k) => [k.name, indexedValueType[k.type]!])),
  });
}
