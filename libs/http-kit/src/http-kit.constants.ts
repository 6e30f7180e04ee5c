/** Injection token of the resolved {@link HttpKitSettings}. */
export const HTTP_KIT_SETTINGS = Symbol('HTTP_KIT_SETTINGS');
