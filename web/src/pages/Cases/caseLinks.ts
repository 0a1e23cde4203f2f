/** `/cases/<id>` — case ids contain `/` (`<processKey>/<businessKey>`), so they are always encoded. */
export const caseHref = (caseId: string) => `/cases/${encodeURIComponent(caseId)}`;
