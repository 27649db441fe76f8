// The botbuilder version every deliberate bypass in src/botframework/ was checked against. Each
// bypass carries a comment starting "Bypass of botbuilder (checked on <version>)" with its reason;
// test/botframework/bypasses.test.ts fails when the installed botbuilder differs, so an upgrade
// makes someone read each bypass again instead of finding out in production.
//
// The bypasses:
// - adapter.ts, FilingAdapter.runActivity: a side entry into CloudAdapter.processActivity for an
//   activity the server has already parsed and checked.
// - bot.ts, FilingBot.answer: a message goes to its handler without ActivityHandler's event chain.
// - flow-state.ts, FlowState: a BotState whose load/save compare JSON text instead of hashing.
// - reused-connectors.ts: connector and user-token clients cached across turns; the connector
//   client rebuilt around the library's credentials so its pipeline carries the outbound timeout,
//   deadline and allowed service URLs.
// - activity-dates.ts: botbuilder's internal activity validator, reached by a deep lib/ import.
export const BOTBUILDER_CHECKED_VERSION = '4.23.3';
