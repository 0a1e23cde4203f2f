type FormJsModule = typeof import('./FormJsController');

let loaded: FormJsModule | undefined;
let loading: Promise<FormJsModule> | undefined;

/** form-js and its controller (their own chunk), loaded once; a failed load is tried again on the next call. */
export function loadFormJs(): Promise<FormJsModule> {
  loading ??= import('./FormJsController').then(
    (module) => (loaded = module),
    (err: unknown) => {
      loading = undefined;
      throw err;
    },
  );
  return loading;
}

/** The module if it has arrived (the inbox preloads it): the form is then created in the same task as the page, not one later. */
export const formJsIfLoaded = (): FormJsModule | undefined => loaded;
