import { l10n } from '../common/l10n';
/**
 * Takes a copied token back off the clipboard: after `delayMs`, the clipboard is emptied if (and only if) it
 * still holds exactly that value, so something the user copied since is never touched. Copies the OS already
 * made (clipboard history, clipboard managers, sync to other devices) are out of reach, and the message says so.
 * Pure: the clipboard is passed in (vscode.env.clipboard in the extension).
 */

export const CLIPBOARD_CLEAR_SECONDS = 60;

export interface ClipboardLike {
  readText(): PromiseLike<string>;
  writeText(value: string): PromiseLike<void>;
}

export interface PendingClear {
  /** Settles once the clipboard was checked: true when the token was removed. */
  done: Promise<boolean>;
  /** Checks now instead of waiting (window closing); idempotent. */
  flush(): Promise<boolean>;
}

export function clearClipboardLater(clipboard: ClipboardLike, value: string, delayMs = CLIPBOARD_CLEAR_SECONDS * 1000): PendingClear {
  let settle!: (removed: boolean) => void;
  const done = new Promise<boolean>((resolve) => (settle = resolve));
  let ran = false;
  const run = async (): Promise<boolean> => {
    if (ran) return done;
    ran = true;
    clearTimeout(timer);
    let removed = false;
    try {
      if ((await clipboard.readText()) === value) {
        await clipboard.writeText('');
        removed = true;
      }
    } catch {
      // A clipboard that cannot be read (no permission) is left alone: better than overwriting the user's copy.
    }
    settle(removed);
    return removed;
  };
  const timer = setTimeout(() => void run(), delayMs);
  return { done, flush: run };
}

export function copiedTokenMessage(label: string, seconds = CLIPBOARD_CLEAR_SECONDS): string {
  return l10n.t('Access token of {0} copied. The clipboard is cleared in {1} s if it still holds the token; copies your operating system keeps (clipboard history, clipboard sync) are out of VS Code\'s reach.', label, seconds);
}
