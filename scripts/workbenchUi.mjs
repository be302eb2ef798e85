// Workbench gestures for scripts/screenshots.mjs, done as a user would: the command palette, a multi-step input,
// Quick Open with a line:column, clearing notifications. Each waits for what the workbench shows next.

/** Runs a command through the palette, as a user would. */
export async function palette(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Answers one step of a multi-step input, found by its placeholder; waits until the input moved on. */
export async function answer(page, placeholder, value) {
  const input = page.locator(`.quick-input-widget input[placeholder*="${placeholder}"]`);
  await input.waitFor();
  await input.fill(value);
  await page.keyboard.press('Enter');
  // The widget stays open across steps: the next step shows its own placeholder in the same input.
  await input.waitFor({ state: 'detached' });
}

/** Quick Open a workspace file and put the cursor at line:column. */
export async function openAt(page, file, line, column) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.fill(file);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: file.split('/').pop() }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: file.split('/').pop() }).waitFor();
  await page.keyboard.press('F1');
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
}

export async function clearNotifications(page) {
  await palette(page, 'Notifications: Clear All Notifications');
  await page.waitForTimeout(300);
}
