import { RightOutlined } from '@ant-design/icons';
import { Card } from 'antd';
import { useState, type ReactNode } from 'react';

interface Props {
  title: ReactNode;
  /** Beside the title when unfolded (a legend); inside the body when folding, where the head has no room. */
  extra?: ReactNode;
  /** Starts folded, its title a toggle; otherwise a plain card. */
  folding: boolean;
  className?: string;
  children: ReactNode;
}

/** A small card that, on a phone, keeps what is rarely read (diagram, history) folded until asked for. */
export function FoldingCard({ title, extra, folding, className, children }: Props) {
  const [open, setOpen] = useState(false);
  if (!folding) {
    return (
      <Card size="small" title={title} extra={extra} className={className}>
        {children}
      </Card>
    );
  }
  return (
    <Card
      size="small"
      className={className}
      title={
        <button type="button" className="sw-fold-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          <RightOutlined rotate={open ? 90 : 0} aria-hidden />
          {title}
        </button>
      }
      styles={{ body: open ? undefined : { display: 'none' } }}
    >
      {/* Mounted only when open: a folded diagram costs a phone no bpmn-js download. */}
      {open && (
        <>
          {extra && <div className="sw-fold-extra">{extra}</div>}
          {children}
        </>
      )}
    </Card>
  );
}
