/**
 * Largest offset, cursor or seq a client may send (2^31 - 1): larger numbers do not fit the
 * database's integer columns (SQLite refuses them as a datatype mismatch), so they answer 400.
 */
export const MAX_CLIENT_INTEGER = 2_147_483_647;
