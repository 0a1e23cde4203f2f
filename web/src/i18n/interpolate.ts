/** Replaces `{name}` placeholders from `vars`; unknown placeholders stay visible (shared with the API and the CLI). */
export { interpolate } from '../../../contract/problem-words';
