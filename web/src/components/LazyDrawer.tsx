import type { DrawerProps } from 'antd';
import { lazy, Suspense, useState } from 'react';

// antd's Drawer (rc-drawer, its motion and styles) is only opened on a phone: not in the inbox's first bundle.
const Drawer = lazy(() => import('antd/es/drawer'));

/**
 * antd's Drawer, loaded and mounted the first time it opens (a few ms on a local chunk), and kept
 * mounted afterwards so it closes with its animation. Nothing renders while it has never been open.
 */
export function LazyDrawer(props: DrawerProps) {
  const [opened, setOpened] = useState(Boolean(props.open));
  if (props.open && !opened) setOpened(true);
  if (!opened) return null;
  return (
    <Suspense fallback={null}>
      <Drawer {...props} />
    </Suspense>
  );
}
