import * as vscode from 'vscode';

/**
 * A multi-step input (one window, "Step 2/6" in its title, a Back button from step 2 on, placeholders), as VS Code's
 * own multi-step flows do. Each step answers with a value, `BACK` (the user pressed Back) or `undefined` (Escape:
 * the whole flow is cancelled). `runSteps` walks the steps, going back when asked, and keeps earlier answers as the
 * values shown when the user returns to a step.
 */

export const BACK = Symbol('back');
export type StepResult<T> = T | typeof BACK | undefined;

export interface StepPosition {
  step: number;
  totalSteps: number;
  title: string;
}

export interface TextStep {
  prompt: string;
  placeholder?: string;
  value?: string;
  password?: boolean;
  validate?: (value: string) => string | undefined;
}

export function inputText(at: StepPosition, options: TextStep): Promise<StepResult<string>> {
  const box = vscode.window.createInputBox();
  Object.assign(box, { ...at, prompt: options.prompt, placeholder: options.placeholder, value: options.value ?? '', password: options.password ?? false, ignoreFocusOut: true });
  box.buttons = at.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  return new Promise<StepResult<string>>((resolve) => {
    const done = (result: StepResult<string>) => {
      resolve(result);
      box.dispose();
    };
    box.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && done(BACK));
    box.onDidChangeValue((value) => (box.validationMessage = options.validate?.(value)));
    box.onDidAccept(() => {
      const problem = options.validate?.(box.value);
      if (problem) box.validationMessage = problem;
      else done(box.value);
    });
    box.onDidHide(() => done(undefined));
    box.show();
  });
}

export function pickMany<T extends vscode.QuickPickItem>(at: StepPosition, items: readonly T[], placeholder: string, selected: readonly string[] = []): Promise<StepResult<T[]>> {
  const pick = vscode.window.createQuickPick<T>();
  Object.assign(pick, { ...at, placeholder, canSelectMany: true, ignoreFocusOut: true, matchOnDetail: true });
  pick.items = items;
  pick.selectedItems = items.filter((item) => selected.includes(item.label));
  pick.buttons = at.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  return new Promise<StepResult<T[]>>((resolve) => {
    const done = (result: StepResult<T[]>) => {
      resolve(result);
      pick.dispose();
    };
    pick.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && done(BACK));
    pick.onDidAccept(() => done([...pick.selectedItems]));
    pick.onDidHide(() => done(undefined));
    pick.show();
  });
}

/** Runs the steps in order; Back goes to the previous step; returns false when the user cancelled. */
export async function runSteps(steps: ReadonlyArray<(at: StepPosition) => Promise<StepResult<unknown>>>, title: string): Promise<boolean> {
  for (let i = 0; i < steps.length; ) {
    const result = await steps[i]!({ step: i + 1, totalSteps: steps.length, title });
    if (result === undefined) return false;
    i = result === BACK ? Math.max(0, i - 1) : i + 1;
  }
  return true;
}
