/**
 * How a keyboard shortcut is written for this platform: the playground listens for Ctrl or ⌘
 * (App.svelte), but shows the one key the user's keyboard calls the modifier, so a Linux or
 * Windows user is not told to press ⌘. Every label of a shortcut goes through here.
 */

/** True on macOS, iOS and iPadOS, whose modifier is ⌘ (Command). */
export function isApplePlatform(platform: string): boolean {
  return /mac|iphone|ipad|ipod/i.test(platform);
}

/** The platform string the browser reports (User-Agent Client Hints first, where there are any). */
function browserPlatform(): string {
  if (typeof navigator === 'undefined') return '';
  const hints = (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData;
  return hints?.platform || navigator.platform || navigator.userAgent;
}

/** `Mod+key` written for `platform`: `⌘↵` on Apple platforms, `Ctrl+Enter` elsewhere. */
export function shortcutLabel(key: string, platform: string = browserPlatform()): string {
  if (isApplePlatform(platform)) return `⌘${key === 'Enter' ? '↵' : key.toUpperCase()}`;
  return `Ctrl+${key}`;
}
