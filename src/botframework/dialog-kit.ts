// The botbuilder-dialogs classes the flows use, imported from their own modules: the package index
// also loads the prompts' text recognizers (about half a second of start-up) that we never use.
// These are the same module files the index would load, so classes and instanceof checks agree.
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
