import { Tooltip, type TooltipProps } from 'antd';
import { cloneElement, useState, type MouseEvent, type ReactElement } from 'react';

type Child = ReactElement<{ onMouseEnter?: (e: MouseEvent<HTMLElement>) => void }>;

/**
 * antd's Tooltip, mounted only when the pointer first reaches its child (then open at once). A
 * Tooltip is a popup trigger with its own hooks and styles; the inbox has several in each of its
 * rows, and mounting them all made its first render markedly slower (bench B5). Tooltips here open
 * on hover only, as antd's do by default.
 */
export function LazyTooltip({ children, ...props }: Omit<TooltipProps, 'children'> & { children: Child }) {
  const [armed, setArmed] = useState(false);
  if (armed) {
    return (
      <Tooltip {...props} defaultOpen>
        {children}
      </Tooltip>
    );
  }
  const own = children.props.onMouseEnter;
  return cloneElement(children, {
    onMouseEnter: (e: MouseEvent<HTMLElement>) => {
      own?.(e);
      setArmed(true);
    },
  });
}
