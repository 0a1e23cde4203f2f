import type { ReactNode } from 'react';

/** A unit in a Select's list, indented by its depth in the org tree (the chosen value shows the bare name). */
export const renderUnitOption = (option: { label?: ReactNode; data: { depth?: number } }): ReactNode => (
  <span style={{ paddingLeft: (option.data.depth ?? 0) * 14 }}>{option.label}</span>
);
