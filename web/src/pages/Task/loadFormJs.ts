import { loadOnce } from '../../lib/preloadableLazy';

const formJs = loadOnce(() => import('./FormJsController'));

/** form-js and its controller (their own chunk), loaded once; a failed load is tried again on the next call. */
export const loadFormJs = formJs.load;

/** The module if it has arrived (the inbox preloads it): the form is then created in the same task as the page, not one later. */
export const formJsIfLoaded = formJs.loaded;
