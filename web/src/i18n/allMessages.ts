import { zh, type Lang, type Messages } from './messages';
import { en } from './messages.en';

/** Both languages at once, for tests (the console loads English on demand). */
export const messages: Record<Lang, Messages> = { 'zh-CN': zh, en };
