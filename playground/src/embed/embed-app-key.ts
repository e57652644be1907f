/**
 * Which origin an embed runs its app at (docs/decisions/0015). A read-only embed runs at the
 * link's own content key, so every embed and viewer of the same link on this site share one
 * running copy and its key-value data, as reopening a link does. An editable embed gets a key of
 * its own on every load (the link's content with a random salt, still an `h…` key that nothing
 * can choose): its edits never change the copy another embed or tab is showing.
 */
import { contentAppKey } from 'swerve/client';

export async function embedAppKey(fragment: string, editable: boolean): Promise<string> {
  const content = editable ? `${fragment}\n${crypto.randomUUID()}` : fragment;
  return contentAppKey(new TextEncoder().encode(content));
}
