import { useCallback, useMemo } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { isMessageKey } from '../../i18n/catalog';
import { unitName, useOrgUnits } from '../../api/useOrgUnits.query';

/** `zj` → 浙江省服务中心 (Zhejiang … in English), from the org tree the console caches once; the id until it has loaded. */
export function useUnitName(): (unitId: string) => string {
  const { lang } = useI18n();
  const units = useOrgUnits();
  const byId = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u])), [units.data]);
  return useCallback((unitId: string) => unitName(byId.get(unitId), lang, unitId), [byId, lang]);
}

/** `cs_manager` → 客服经理; a group the console does not know stays as written. */
export function useRoleName(): (role: string) => string {
  const { t } = useI18n();
  return useCallback((role: string) => {
    const key = `role.${role}`;
    return isMessageKey(key) ? t(key) : role;
  }, [t]);
}
