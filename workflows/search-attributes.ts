import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// Cases carry these so Temporal's own UI and visibility queries can find them.
export const ProcessKey = defineSearchAttributeKey('ProcessKey', SearchAttributeType.KEYWORD);
export const ProcessVersion = defineSearchAttributeKey('ProcessVersion', SearchAttributeType.INT);
export const BusinessKey = defineSearchAttributeKey('BusinessKey', SearchAttributeType.KEYWORD);
export const CustomerId = defineSearchAttributeKey('CustomerId', SearchAttributeType.KEYWORD);
export const CaseStatus = defineSearchAttributeKey('CaseStatus', SearchAttributeType.KEYWORD);

export const caseSearchAttributes = [ProcessKey, ProcessVersion, BusinessKey, CustomerId, CaseStatus];
