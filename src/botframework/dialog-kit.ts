// The conversation's fenced way into botbuilder-dialogs: the classes the flows use, and the two
// places where the conversation goes around the library on purpose, each with its reason.
// Checked on botbuilder-dialogs 4.23.3.
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Dialog as DialogType, DialogState } from 'botbuilder-dialogs';
import { DialogSet } from 'botbuilder-dialogs/lib/dialogSet.js';

// Imported from their own modules: the package index also loads the prompts' text recognizers
// (about half a second of start-up) that we never use. These are the same module files the index
// would load, so classes and instanceof checks agree.
export { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog.js';
export { Dialog, DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog.js';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet.js';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog.js';
export type {
  DialogContext,
  DialogInstance,
  DialogState,
  DialogTurnResult,
  WaterfallStepContext,
} from 'botbuilder-dialogs';

/**
 * Where a DialogStateManager looks for its configuration in turn state: a private key of
 * botbuilder-dialogs (dialogStateManager.ts, 4.23.3), not exported by the package.
 */
const MEMORY_CONFIGURATION_KEY = 'DialogStateManagerConfiguration';

/**
 * botbuilder-dialogs' memory scopes and path resolvers, which its first DialogContext in a turn
 * builds afresh (a service collection each time: a few percent of a turn) unless the turn already
 * has them. They hold nothing of a turn, so the first turn's are kept, as DialogManager does.
 */
let memoryConfiguration: unknown;

/** Creates the turn's first DialogContext with the memory configuration kept from an earlier turn. */
export async function keepMemoryConfiguration<T>(context: TurnContext, create: () => Promise<T>): Promise<T> {
  if (memoryConfiguration !== undefined) context.turnState.set(MEMORY_CONFIGURATION_KEY, memoryConfiguration);
  const created = await create();
  memoryConfiguration ??= context.turnState.get(MEMORY_CONFIGURATION_KEY);
  return created;
}

/** The set holding a root dialog, built once per state accessor and dialog: it keeps nothing of a turn. */
const dialogSets = new WeakMap<StatePropertyAccessor<DialogState>, WeakMap<DialogType, DialogSet>>();

export function cachedDialogSet(root: DialogType, dialogState: StatePropertyAccessor<DialogState>): DialogSet {
  let byRoot = dialogSets.get(dialogState);
  if (!byRoot) {
    byRoot = new WeakMap();
    dialogSets.set(dialogState, byRoot);
  }
  let dialogSet = byRoot.get(root);
  if (!dialogSet) {
    dialogSet = new DialogSet(dialogState);
    dialogSet.add(root);
    byRoot.set(root, dialogSet);
  }
  return dialogSet;
}
