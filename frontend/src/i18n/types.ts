import type { en } from './locales/en';

/** Same keys as English, any string values: every locale must satisfy this shape. */
export type Messages<T = typeof en> = {
  [K in keyof T]: T[K] extends string ? string : Messages<T[K]>;
};
