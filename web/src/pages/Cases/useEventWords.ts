import { useMemo } from 'react';
import type { ProcessVersion } from '../../../../contract';
import { useI18n } from '../../i18n/I18nProvider';
import { incidentElementId } from '../../../../contract/incident-reasons';
import { modelElementName, modelElementType, type EventWords } from '../../lib/caseEvents';
import { describeIncident } from '../../lib/incidents';
import { elementLabel, elementText } from '../../lib/problems';
import { useUnitName } from './useUnitName';

// Apart from useUnitName.ts, which the inbox route reaches: these words (incidents) load with the case and audit pages.

/**
 * What the history says for the engine (系统 / System), a unit (by name) and an element of the case's
 * process `version` (by name, else its kind from the model: never its id), and why an incident
 * stopped the case, in the reader's language.
 */
export function useEventWords(version?: ProcessVersion): EventWords {
  const { t } = useI18n();
  const unit = useUnitName();
  return useMemo(() => {
    const ref = (elementId: string, elementName: string | undefined) => ({ elementId, elementType: modelElementType(version, elementId), elementName });
    return {
      system: t('audit.system'),
      scheduled: t('audit.systemScheduled'),
      cancelled: t('event.caseCancelled'),
      unit,
      element: (id, name) => elementText(ref(id, name), t),
      incident: ({ elementId, elementName, message }) => ({ element: elementLabel(ref(elementId, elementName), t), reason: describeIncident({ ...ref(elementId, elementName), message }, t) }),
      failure: (reason) => {
        const id = incidentElementId(reason) ?? '';
        return describeIncident({ ...ref(id, id ? modelElementName(version, id) : undefined), message: reason }, t);
      },
    } satisfies EventWords;
  }, [t, unit, version]);
}
