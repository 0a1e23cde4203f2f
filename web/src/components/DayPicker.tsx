import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
// The calendar's weekday and month names follow antd's locale only for the dayjs locales loaded.
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';

dayjs.extend(customParseFormat);

/**
 * A China calendar day (or month) chosen in the console's language, as text in the API's form
 * (YYYY-MM-DD, YYYY-MM). The browser's own `<input type="date">` wrote days in the browser's
 * language instead (mm/dd/yyyy in an English Chrome, beside Chinese labels). Shown and typed as
 * 2026-10-01 in both languages; 2026/10/01 and 20261001 are read too. No day is disabled: a day
 * out of range is passed on as typed, so that the page can say what is wrong with it.
 */
interface Props {
  value: string;
  /** The day as text, '' when cleared. */
  onChange: (value: string) => void;
  label: string;
  /** The label drawn inside the field, before the day. */
  prefix?: ReactNode;
  invalid?: boolean;
  describedBy?: string;
  title?: string;
  width?: number | string;
  picker?: 'date' | 'month';
  /** The day the calendar opens at while none is chosen (the year being edited, say). */
  openAt?: string;
  /** Focused, with its calendar open, as it mounts (it replaced a stand-in the user had focused while it loaded). */
  autoFocus?: boolean;
}

const FORMATS = {
  date: ['YYYY-MM-DD', 'YYYY/MM/DD', 'YYYYMMDD', 'YYYY.MM.DD'],
  month: ['YYYY-MM', 'YYYY/MM', 'YYYYMM'],
} as const;

const parse = (text: string, picker: 'date' | 'month'): Dayjs | null => {
  if (!text) return null;
  const day = dayjs(text, FORMATS[picker][0], true);
  return day.isValid() ? day : null;
};

export function DayPicker({ value, onChange, label, prefix, invalid = false, describedBy, title, width = 200, picker = 'date', openAt, autoFocus = false }: Props) {
  return (
    <DatePicker
      picker={picker}
      format={[...FORMATS[picker]]}
      value={parse(value, picker)}
      defaultPickerValue={openAt ? (parse(openAt, picker) ?? undefined) : undefined}
      onChange={(day) => onChange(day ? day.format(FORMATS[picker][0]) : '')}
      prefix={prefix}
      status={invalid ? 'error' : undefined}
      aria-label={label}
      aria-invalid={invalid}
      aria-describedby={describedBy}
      title={title}
      style={{ width }}
      autoFocus={autoFocus}
      defaultOpen={autoFocus}
    />
  );
}

export default DayPicker;
