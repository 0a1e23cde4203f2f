import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { useEffect, useRef } from 'react';
import { api, ApiError } from '../../api/http';
import { queryKeys } from '../../api/queryKeys';
import { useI18n } from '../../i18n/I18nProvider';
import type { SavedViewList } from '../../../../contract';
import { forgetLegacyViews, legacyToCreate, legacyViews, migrationSettled } from './savedViews';

/**
 * Moves the views this browser kept in localStorage (before they lived on the server) to the
 * signed-in user's views, once: on the first load of the list, then forgets them. Names the server
 * already has are left alone; a network failure or a 5xx keeps them for the next load.
 */
export function useLegacyViewMigration(list: SavedViewList | undefined): void {
  const qc = useQueryClient();
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const started = useRef(false);
  useEffect(() => {
    if (!list || started.current) return;
    started.current = true;
    const legacy = legacyViews(localStorage);
    if (!legacy.length) return forgetLegacyViews(localStorage);
    void (async () => {
      const outcomes: Array<{ ok: true } | { ok: false; status: number | undefined }> = [];
      for (const body of legacyToCreate(legacy, list.items)) {
        try {
          await api('/api/views', { method: 'POST', json: body });
          outcomes.push({ ok: true });
        } catch (err) {
          outcomes.push({ ok: false, status: err instanceof ApiError ? err.status : undefined });
        }
      }
      if (migrationSettled(outcomes)) forgetLegacyViews(localStorage);
      const moved = outcomes.filter((o) => o.ok).length;
      if (moved) {
        void message.success(t('views.migrated', { n: moved }));
        void qc.invalidateQueries({ queryKey: queryKeys.views });
      }
    })();
  }, [list, qc, message, t]);
}
