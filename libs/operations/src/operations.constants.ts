/** Injection token of the opened operations database (a `DatabaseHandle`). */
export const OPERATIONS_DATABASE = Symbol('OPERATIONS_DATABASE');
