import type { HTMLAttributes, ReactNode } from 'react';

/** The preset colours the console's tags use (antd's names, so `outcomeColor` and friends fit). */
export type PlainTagColor = 'default' | 'blue' | 'green' | 'red' | 'orange' | 'volcano' | 'magenta';

/**
 * antd's filled Tag as a plain <span> (styles.css `.sw-tag`). An antd Tag is a component with its
 * own hooks, context reads and CSS-in-JS lookups; the inbox draws several in each of its 50 rows
 * when an approver signs in, and those rows were most of the render's cost (issue 19, bench B5).
 * Same box, colours and icon spacing as the antd Tag beside it.
 */
export function PlainTag({ color = 'default', icon, children, className, ...rest }: { color?: PlainTagColor; icon?: ReactNode; children: ReactNode } & HTMLAttributes<HTMLSpanElement>) {
  return (
    <span className={`sw-tag sw-tag-${color}${className ? ` ${className}` : ''}`} {...rest}>
      {icon}
      {icon ? <span>{children}</span> : children}
    </span>
  );
}
