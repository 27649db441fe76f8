// `npm run bench`: throughput, latency, start-up time and memory of the Filing Assistant on its
// embedded storage (empty, and seeded with 100,000 conversations and 10,000 orders) and on
// PostgreSQL (one instance, and two sharing the load), next to a bare Bot Framework echo bot
// driven by the same load, over HTTP on loopback with expectReplies.
//
// Settings (environment): BENCH_SECONDS (measured seconds per run, 15), BENCH_WARMUP_SECONDS (3),
// BENCH_SLICE_SECONDS (the servers take turns in slices this long, 3),
// BENCH_IDLE_SECONDS (before reading idle memory, 2), BENCH_CONCURRENCY (connections per run,
// "10,50"; the targets are read at 10), BENCH_CONVERSATIONS (100000) and BENCH_ORDERS (10000) to
// seed, BENCH_SEEDED_DIR (reuse a folder seeded by bench/seed-data.ts instead of seeding a new one),
// BENCH_KEEP_DATA=1 (keep the temporary DATA_DIRs), BENCH_STRICT=1 (exit 1 when a target is missed),
// BENCH_ONLY (some of "echo,empty,seeded,postgres,postgres2"), BENCH_CPU_PROF=<dir> (servers run with node --cpu-prof
// and leave their profiles there when they stop).
// Results are printed and written to bench/results/latest.json.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DEFAULT_LOCALE } from '../src/knowledge/catalogue.js';
import { startPostgres, type RunningPostgres } from '../scripts/postgres-server.js';
import { loadKnowledge } from '../src/knowledge/load.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_FILE = join(ROOT, 'bench', 'results', 'latest.json');
const HOST = '127.0.0.1';

/** Never contacted: with expectReplies the replies come back in the HTTP response. */
const SERVICE_URL = 'http://127.0.0.1:1';
const START_TIMEOUT_MS = 120_000;
const REQUEST_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 6_000;
/** A hard stop for a run that the clock somehow does not end. */
const MAX_TURNS_PER_RUN = 5_000_000;
const READY_POLL_MS = 10;
/** Other processes' CPU (in cores) above which a run's wall-clock figures are flagged as disturbed. */
const OTHER_LOAD_WARNING = 0.25;

const TARGET = {
  throughputVsEcho: 0.5,
  p99Ms: 50,
  seededWithin: 0.2,
  /** One instance on PostgreSQL against the same bot on lowdb (empty store), in the same run. */
  postgresVsLowdb: 0.7,
  /** The connections the p99 and ratio targets are read at. */
  concurrency: 10,
} as const;

// ---------------------------------------------------------------------------------------------
// Settings

function envNumber(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number of at least ${min}, got "${raw}"`);
  return value;
}

function envConcurrencies(): number[] {
  const raw = process.env.BENCH_CONCURRENCY ?? `${TARGET.concurrency},50`;
  const values = raw.split(',').map((part) => Number(part.trim()));
  if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v < 1 || v > 1000)) {
    throw new Error(`BENCH_CONCURRENCY must be whole numbers 1 to 1000 separated by commas, got "${raw}"`);
  }
  return values;
}

const SCENARIO_IDS = ['echo', 'empty', 'seeded', 'postgres', 'postgres2'] as const;
type ScenarioId = (typeof SCENARIO_IDS)[number];

function isScenarioId(value: string): value is ScenarioId {
  return SCENARIO_IDS.some((id) => id === value);
}

function envScenarios(): ScenarioId[] {
  const raw = process.env.BENCH_ONLY;
  if (raw === undefined || raw.trim() === '') return [...SCENARIO_IDS];
  const ids = raw.split(',').map((part) => part.trim());
  const chosen = ids.filter(isScenarioId);
  if (chosen.length !== ids.length) throw new Error(`BENCH_ONLY must name some of ${SCENARIO_IDS.join(', ')}, got "${raw}"`);
  return chosen;
}

const settings = {
  seconds: envNumber('BENCH_SECONDS', 15, 1),
  warmupSeconds: envNumber('BENCH_WARMUP_SECONDS', 3, 0),
  sliceSeconds: envNumber('BENCH_SLICE_SECONDS', 3, 0.5),
  idleSeconds: envNumber('BENCH_IDLE_SECONDS', 2, 0),
  concurrencies: envConcurrencies(),
  conversations: envNumber('BENCH_CONVERSATIONS', 100_000, 0),
  orders: envNumber('BENCH_ORDERS', 10_000, 0),
  seededDir: process.env.BENCH_SEEDED_DIR,
  keepData: process.env.BENCH_KEEP_DATA === '1',
  strict: process.env.BENCH_STRICT === '1',
  only: envScenarios(),
  cpuProfDir: process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : undefined,
};

// ---------------------------------------------------------------------------------------------
// Child processes and temporary folders: whatever happens, none outlives the benchmark.

const children = new Set<ChildProcess>();
const tempDirs: string[] = [];

function running(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function cleanUp(): void {
  for (const child of children) if (running(child)) child.kill('SIGKILL');
  children.clear();
  if (!settings.keepData) for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

process.on('exit', cleanUp);
const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
for (const signal of STOP_SIGNALS) {
  process.once(signal, () => {
    process.stderr.write(`\nbenchmark interrupted (${signal}); stopping the servers\n`);
    process.exit(130);
  });
}

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolvePort(port) : reject(new Error('no free port'))));
    });
  });
}

/** The last few kilobytes a child wrote, to explain why it stopped. */
class Tail {
  private text = '';
  add(chunk: Buffer): void {
    this.text = (this.text + chunk.toString('utf8')).slice(-4000);
  }
  toString(): string {
    return this.text.trim();
  }
}

interface Server {
  child: ChildProcess;
  pid: number;
  port: number;
  output: Tail;
  spawnedAt: number;
}

function spawnServer(script: string, port: number, dataDir: string | undefined, extraEnv: NodeJS.ProcessEnv = {}): Server {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...extraEnv,
    PORT: String(port),
    HOST,
    LOG_LEVEL: 'warn',
    KNOWLEDGE_DIR: join(ROOT, 'knowledge'),
    // No Azure app: requests need no token, as with the Emulator.
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
  };
  if (dataDir !== undefined) env.DATA_DIR = dataDir;
  const spawnedAt = performance.now();
  const profile = settings.cpuProfDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${settings.cpuProfDir}`];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const output = new Tail();
  child.stdout?.on('data', (chunk: Buffer) => output.add(chunk));
  child.stderr?.on('data', (chunk: Buffer) => output.add(chunk));
  if (child.pid === undefined) throw new Error(`could not start ${script}`);
  return { child, pid: child.pid, port, output, spawnedAt };
}

async function stopServer(server: Server): Promise<void> {
  const { child } = server;
  if (running(child)) {
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
    if (!stopped && running(child)) {
      child.kill('SIGKILL');
      await exited;
    }
  }
  children.delete(child);
}

interface Memory {
  rssMb: number;
  peakRssMb: number;
}

/** VmRSS (now) and VmHWM (the peak so far) of a process, from /proc. */
function memoryOf(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match?.[1]) throw new Error(`/proc/${pid}/status has no ${field}`);
    return Number(match[1]);
  };
  return { rssMb: round(kb('VmRSS') / 1024, 1), peakRssMb: round(kb('VmHWM') / 1024, 1) };
}

// ---------------------------------------------------------------------------------------------
// CPU time: what a turn costs the server whatever else the machine is doing, and how busy the
// machine was with other work (other sessions' builds and tests disturb wall-clock figures).

function clockTicksPerSecond(): number {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isInteger(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
}

const CLK_TCK = clockTicksPerSecond();

/** User + system CPU of a process, all its threads, in clock ticks, from /proc/<pid>/stat. */
function processTicks(pid: number | 'self'): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces and parentheses: fields are counted after its closing ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Busy clock ticks of the whole machine (every CPU), from /proc/stat. */
function machineBusyTicks(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  // cpu user nice system idle iowait irq softirq steal ...: everything but idle and iowait is busy.
  const [, user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).map(Number);
  return user + nice + system + irq + softirq + steal;
}

interface CpuMark {
  at: number;
  server: number;
  /** PostgreSQL's processes (the server and every backend) by pid, when the scenario uses it. */
  database: Map<number, number>;
  harness: number;
  machine: number;
}

/** The processes whose parent is `pid`: PostgreSQL's backends, one per connection. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
}

function ticksOf(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => {
    try {
      return sum + processTicks(pid);
    } catch {
      return sum; // a backend that ended between listing and reading
    }
  }, 0);
}

/**
 * CPU used between two marks by processes that may come and go (a pool closes idle connections and
 * opens new ones, each a backend): a process new since the first mark counts from zero, and one
 * gone by the second (its last ticks unknown) counts nothing, rather than a negative amount.
 */
function ticksBetween(from: ReadonlyMap<number, number>, to: ReadonlyMap<number, number>): number {
  let sum = 0;
  for (const [pid, ticks] of to) sum += ticks - (from.get(pid) ?? 0);
  return sum;
}

function ticksByPid(pids: readonly number[]): Map<number, number> {
  return new Map(pids.map((pid) => [pid, ticksOf([pid])]));
}

function cpuMark(servers: readonly Server[], database: BenchDatabase | undefined): CpuMark {
  const postmaster = database?.pid();
  return {
    at: performance.now(),
    server: ticksOf(servers.map((s) => s.pid)),
    database: postmaster === undefined ? new Map<number, number>() : ticksByPid([postmaster, ...childrenOf(postmaster)]),
    harness: processTicks('self'),
    machine: machineBusyTicks(),
  };
}

interface CpuUse {
  /** CPU the server spent per turn (all threads: JavaScript, GC, file system), in ms; every instance's. */
  serverMsPerTurn: number;
  /** CPU PostgreSQL spent per turn (server and backends), in ms; 0 without it. */
  databaseMsPerTurn: number;
  /** Cores in use, on average: the server, this load generator, and every other process. */
  serverCores: number;
  harnessCores: number;
  otherCores: number;
}

// ---------------------------------------------------------------------------------------------
// HTTP

interface Reply {
  status: number;
  body: string;
}

function request(agent: http.Agent | false, port: number, method: 'GET' | 'POST', path: string, body?: string): Promise<Reply> {
  return new Promise((resolveReply, reject) => {
    const headers: http.OutgoingHttpHeaders = body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    const req = http.request({ agent, host: HOST, port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolveReply({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

interface Person {
  conversationId: string;
  userId: string;
}

let activityCount = 0;

function activityBody(person: Person, text: string): string {
  activityCount += 1;
  return JSON.stringify({
    type: 'message',
    id: `bench-activity-${activityCount}`,
    timestamp: new Date().toISOString(),
    channelId: 'emulator',
    serviceUrl: SERVICE_URL,
    deliveryMode: 'expectReplies',
    from: { id: person.userId, name: 'Bench User', role: 'user' },
    recipient: { id: 'filing-assistant', name: 'Filing Assistant', role: 'bot' },
    conversation: { id: person.conversationId },
    locale: 'en-US',
    text,
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether an expectReplies response carries at least one message activity. */
function hasMessageReply(body: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return false;
  }
  if (!isRecord(parsed) || !Array.isArray(parsed.activities)) return false;
  return parsed.activities.some((activity: unknown) => isRecord(activity) && activity.type === 'message');
}

// ---------------------------------------------------------------------------------------------
// What the virtual users say

type Kind = 'echo' | 'bot';

interface Turn {
  /** What kind of turn it is, for latency by kind. */
  step: string;
  text: string;
  /** A piece of the reply that shows the turn did what it should (the echo bot: the text itself). */
  expect: string;
  /**
   * A flow step must get its expected reply, or the conversation stops and the run is invalid (the
   * mix of turns would change). A question may be answered differently as the knowledge is edited:
   * that is only counted.
   */
  required: boolean;
  records?: boolean;
}

/**
 * The bot's apologies for a failed turn (knowledge/messages/edge.json), as they appear inside a JSON
 * response body: a reply holding either means the turn threw.
 */
const TURN_FAILED: readonly string[] = (['edge.turnFailed', 'edge.turnFailedAgain'] as const).map((id) =>
  JSON.stringify(loadKnowledge(join(ROOT, 'knowledge')).catalogue.text(DEFAULT_LOCALE, id)).slice(1, -1),
);

/** Various FAQ questions (English, Chinese, a typo) that the knowledge answers with a source. */
const FAQ_QUESTIONS = [
  'how long does the cancellation review take?',
  'What is the difference between Cancel Subject and Cancel Website?',
  'which provinces need phone verification',
  '注销备案需要多长时间',
  'do I have to transfer my beian to alibaba cloud?',
  'what should I not wear in the administrator photo',
  'can I change the province of my filing?',
  'does transfering change my filed information',
  'will my site go offline if I modify my ICP filing',
  'how do i get the photo backdrop',
  '必须把备案转入阿里云吗',
];

/** Unique filing numbers for the run: no two virtual users' orders concern the same filing. */
const icpBase = randomInt(10_000_000, 80_000_000);
let icpCount = 0;

/**
 * One conversation: a greeting, three questions, a whole cancel-website flow, then "my orders".
 * `n` numbers the conversation in the whole run: its filing number and domain are its own.
 */
function conversationScript(iteration: number, n: number): Turn[] {
  const question = (k: number): Turn => {
    const text = FAQ_QUESTIONS[(iteration * 3 + k) % FAQ_QUESTIONS.length] ?? '';
    // A Chinese question is answered in Chinese, its source line with it.
    return { step: 'faq', text, expect: /[\u3400-\u9fff]/.test(text) ? '_来源：' : '_Source:', required: false };
  };
  return [
    { step: 'greeting', text: 'hello', expect: "I'm Filing Assistant", required: true },
    question(0),
    question(1),
    question(2),
    { step: 'cancel: start', text: `cancel the website shop${n}.example.cn, 京ICP备${icpBase + n}号-1`, expect: 'cancel the whole website', required: true },
    { step: 'cancel: whole', text: 'Cancel the whole website', expect: 'Are you the filing subject', required: true },
    { step: 'cancel: asker', text: 'Yes, I am the subject', expect: 'Ready to cancel the website', required: true },
    { step: 'cancel: confirm', text: 'Confirm', expect: 'Recorded: order', required: true, records: true },
    { step: 'my orders', text: 'my orders', expect: 'Your orders (1)', required: true },
  ];
}

// ---------------------------------------------------------------------------------------------
// Load
//
// The scenarios' servers run side by side and take turns: each measured run is cut into slices
// (BENCH_SLICE_SECONDS) played round-robin, so a build or test elsewhere on the machine slows all
// of them alike instead of whichever happened to run at that moment. Virtual users keep their
// place in their conversation from one slice to the next.

interface LoadResult {
  concurrency: number;
  seconds: number;
  slices: number;
  turns: number;
  conversations: number;
  turnsPerSecond: number;
  latencyMs: Latency;
  /** The same by kind of turn: where the slow turns are. */
  byStep: Record<string, Latency & { turns: number }>;
  /** Non-200 answers, failed requests, answers without a message reply and failed turns: must be 0. */
  errors: number;
  /** A flow step answered, but not as the script expects (the flow did not advance): must be 0. */
  unexpected: number;
  /** Questions answered without a cited source ("did you mean", "I don't know"): informative. */
  questionsWithoutSource: number;
  ordersRecorded: number;
  cpu: CpuUse;
  /** Statements PostgreSQL received per turn (BEGIN and COMMIT included), from pg_stat_statements; null without it. */
  databaseRoundTripsPerTurn: number | null;
  /** The machine's 1-minute load average when the run ended. */
  loadAverage: number;
  problems: string[];
}

interface Latency {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

class Tally {
  readonly latencies: number[] = [];
  readonly byStep = new Map<string, number[]>();
  errors = 0;
  unexpected = 0;
  questionsWithoutSource = 0;
  ordersRecorded = 0;
  conversations = 0;
  seconds = 0;
  slices = 0;
  readonly problems: string[] = [];
  readonly cpu = { server: 0, database: 0, harness: 0, machine: 0, ms: 0 };
  databaseStatements = 0;

  record(step: string, ms: number): void {
    this.latencies.push(ms);
    const forStep = this.byStep.get(step);
    if (forStep) forStep.push(ms);
    else this.byStep.set(step, [ms]);
  }

  note(problem: string): void {
    if (this.problems.length < 5) this.problems.push(problem);
  }

  addCpu(from: CpuMark, to: CpuMark): void {
    this.cpu.server += to.server - from.server;
    this.cpu.database += ticksBetween(from.database, to.database);
    this.cpu.harness += to.harness - from.harness;
    this.cpu.machine += to.machine - from.machine;
    this.cpu.ms += to.at - from.at;
  }
}

/** One person after another on one connection, each playing a whole conversation. */
class VirtualUser {
  private iteration = -1;
  private script: Turn[] = [];
  private position = 0;
  private person: Person = { conversationId: '', userId: '' };

  constructor(
    private readonly tag: string,
    private readonly index: number,
  ) {}

  /** The next turn to send, starting a new conversation when the last one is over. */
  next(tally: Tally): { person: Person; turn: Turn } {
    let turn = this.script[this.position];
    if (!turn) {
      this.iteration += 1;
      this.script = conversationScript(this.iteration, icpCount++);
      this.position = 0;
      const id = `${this.tag}-${this.index}-${this.iteration}`;
      this.person = { conversationId: `bench-${id}`, userId: `bench-user-${id}` };
      tally.conversations += 1;
      turn = this.script[0];
      if (!turn) throw new Error('a conversation script has no turns');
    }
    this.position += 1;
    return { person: this.person, turn };
  }

  /** After a failure: the rest of this conversation would only repeat it. */
  abandon(): void {
    this.position = this.script.length;
  }
}

/** What one scenario at one concurrency keeps from slice to slice. */
interface Run {
  scenario: Scenario;
  /** One or more instances; virtual user i talks to instance i mod n, as a load balancer without sticky sessions would spread them. */
  servers: Server[];
  concurrency: number;
  agent: http.Agent;
  users: VirtualUser[];
  tally: Tally;
}

async function play(run: Run, user: VirtualUser, server: Server, deadline: number, tally: Tally): Promise<void> {
  const { kind } = run.scenario;
  while (performance.now() < deadline && tally.latencies.length < MAX_TURNS_PER_RUN) {
    const { person, turn } = user.next(tally);
    const expect = kind === 'echo' ? turn.text : turn.expect;
    const body = activityBody(person, turn.text);
    const started = performance.now();
    let reply: Reply;
    try {
      reply = await request(run.agent, server.port, 'POST', '/api/messages', body);
    } catch (error) {
      tally.errors += 1;
      tally.note(`"${turn.text}": ${error instanceof Error ? error.message : String(error)}`);
      user.abandon();
      continue;
    }
    tally.record(turn.step, performance.now() - started);
    if (reply.status !== 200 || !hasMessageReply(reply.body) || (kind === 'bot' && TURN_FAILED.some((apology) => reply.body.includes(apology)))) {
      tally.errors += 1;
      tally.note(`"${turn.text}": HTTP ${reply.status} ${reply.body.slice(0, 300)}`);
      user.abandon();
    } else if (!reply.body.includes(expect)) {
      if (turn.required) {
        tally.unexpected += 1;
        tally.note(`"${turn.text}": expected "${expect}" in ${reply.body.slice(0, 300)}`);
        user.abandon();
      } else {
        tally.questionsWithoutSource += 1;
      }
    } else if (turn.records && kind === 'bot') {
      tally.ordersRecorded += 1;
    }
  }
}

/** Every virtual user of the run for `seconds`; adds to `tally` (a throwaway one for warming up). */
async function slice(run: Run, seconds: number, tally: Tally): Promise<void> {
  const { database } = run.scenario;
  const statementsBefore = database ? await database.statements() : 0;
  const before = cpuMark(run.servers, database);
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    run.users.map((user, i) => {
      const server = run.servers[i % run.servers.length];
      if (!server) throw new Error(`${run.scenario.name} has no instance`);
      return play(run, user, server, deadline, tally);
    }),
  );
  const after = cpuMark(run.servers, database);
  // The count itself is one statement more: left out.
  if (database) tally.databaseStatements += (await database.statements()) - statementsBefore - 1;
  tally.addCpu(before, after);
  tally.seconds += (after.at - started) / 1000;
  tally.slices += 1;
  for (const server of run.servers) {
    if (!running(server.child)) throw new Error(`${run.scenario.name} stopped under load:\n${server.output.toString()}`);
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
}

function round(value: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function latencyOf(latencies: readonly number[]): Latency {
  const sorted = Float64Array.from(latencies).sort();
  const sum = latencies.reduce((a, b) => a + b, 0);
  return {
    mean: round(sorted.length > 0 ? sum / sorted.length : 0, 2),
    p50: round(percentile(sorted, 0.5), 2),
    p90: round(percentile(sorted, 0.9), 2),
    p99: round(percentile(sorted, 0.99), 2),
    max: round(sorted.length > 0 ? (sorted[sorted.length - 1] ?? 0) : 0, 2),
  };
}

function loadResult(run: Run): LoadResult {
  const { tally } = run;
  const byStep: LoadResult['byStep'] = {};
  for (const [step, latencies] of tally.byStep) byStep[step] = { turns: latencies.length, ...latencyOf(latencies) };
  const turns = tally.latencies.length;
  const cpuSeconds = tally.cpu.ms / 1000;
  const cores = (ticks: number): number => (cpuSeconds > 0 ? round(ticks / CLK_TCK / cpuSeconds, 2) : 0);
  return {
    concurrency: run.concurrency,
    seconds: round(tally.seconds, 2),
    slices: tally.slices,
    turns,
    conversations: tally.conversations,
    turnsPerSecond: tally.seconds > 0 ? round(turns / tally.seconds, 1) : 0,
    latencyMs: latencyOf(tally.latencies),
    byStep,
    errors: tally.errors,
    unexpected: tally.unexpected,
    questionsWithoutSource: tally.questionsWithoutSource,
    ordersRecorded: tally.ordersRecorded,
    cpu: {
      serverMsPerTurn: turns > 0 ? round(((tally.cpu.server / CLK_TCK) * 1000) / turns, 2) : 0,
      databaseMsPerTurn: turns > 0 ? round(((tally.cpu.database / CLK_TCK) * 1000) / turns, 2) : 0,
      serverCores: cores(tally.cpu.server),
      harnessCores: cores(tally.cpu.harness),
      otherCores: cores(Math.max(0, tally.cpu.machine - tally.cpu.server - tally.cpu.database - tally.cpu.harness)),
    },
    databaseRoundTripsPerTurn: run.scenario.database && turns > 0 ? round(tally.databaseStatements / turns, 2) : null,
    loadAverage: round(os.loadavg()[0] ?? 0, 2),
    problems: tally.problems,
  };
}

/** All scenarios at one concurrency: warm each up, then measure in interleaved slices. */
async function measure(started: readonly Started[], concurrency: number): Promise<Run[]> {
  const tag = `c${concurrency}-${Date.now().toString(36)}`;
  const runs: Run[] = started.map(({ scenario, servers }) => ({
    scenario,
    servers,
    concurrency,
    // Exactly `concurrency` connections, kept open between turns.
    agent: new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency }),
    users: Array.from({ length: concurrency }, (_, i) => new VirtualUser(`${scenario.id}-${tag}`, i)),
    tally: new Tally(),
  }));
  try {
    for (const run of runs) if (settings.warmupSeconds > 0) await slice(run, settings.warmupSeconds, new Tally());
    const slices = Math.max(1, Math.round(settings.seconds / settings.sliceSeconds));
    for (let round = 0; round < slices; round++) {
      // Rotate who goes first, so no scenario always follows the same one.
      for (let i = 0; i < runs.length; i++) {
        const run = runs[(round + i) % runs.length];
        if (run) await slice(run, settings.seconds / slices, run.tally);
      }
    }
  } finally {
    for (const run of runs) run.agent.destroy();
  }
  for (const run of runs) {
    const load = loadResult(run);
    process.stderr.write(
      `  ${run.scenario.name}, ${concurrency} connections: ${load.turnsPerSecond} turns/s, p50 ${load.latencyMs.p50} ms, ` +
        `p99 ${load.latencyMs.p99} ms, errors ${load.errors}, server ${load.cpu.serverMsPerTurn} CPU ms/turn, ` +
        (run.scenario.database ? `PostgreSQL ${load.cpu.databaseMsPerTurn} CPU ms/turn and ${load.databaseRoundTripsPerTurn} statements/turn, ` : '') +
        `other processes ${load.cpu.otherCores} cores\n`,
    );
  }
  return runs;
}

// ---------------------------------------------------------------------------------------------
// Scenarios

interface Scenario {
  id: ScenarioId;
  name: string;
  kind: Kind;
  script: string;
  dataDir?: string;
  /** Set for the PostgreSQL scenarios: DATABASE_URL and its schema, for every instance. */
  env?: NodeJS.ProcessEnv;
  /** Instances sharing the load (1 unless said). */
  instances?: number;
  database?: BenchDatabase;
}

/** The benchmark's PostgreSQL: its server process, and a count of the statements it has received. */
interface BenchDatabase {
  pid(): number | undefined;
  statements(): Promise<number>;
}

const BENCH_DATABASE = 'filing_assistant';

/** Starts PostgreSQL with pg_stat_statements loaded, so a run can count the statements the bot sends. */
async function startBenchDatabase(): Promise<{ running: RunningPostgres; database: BenchDatabase; close: () => Promise<void> }> {
  const running = await startPostgres({ dir: tempDir('fa-bench-postgres-'), database: BENCH_DATABASE, postgresFlags: ['-c', 'shared_preload_libraries=pg_stat_statements'] });
  const client = new pg.Client({ connectionString: running.url });
  await client.connect();
  await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  const database: BenchDatabase = {
    pid: () => {
      try {
        return Number(readFileSync(join(running.dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      } catch {
        return undefined;
      }
    },
    statements: async () => {
      const result = await client.query<{ calls: string | null }>('SELECT sum(calls)::text AS calls FROM pg_stat_statements');
      return Number(result.rows[0]?.calls ?? 0);
    },
  };
  return { running, database, close: async () => {
    await client.end();
    await running.stop();
  } };
}

interface ScenarioResult {
  name: string;
  startupMs: number;
  idleRssMb: number;
  /** VmHWM at the end: the most the process ever held, start-up and every load included. */
  peakRssMb: number;
  rssAfterLoadMb: number;
  loads: LoadResult[];
}

interface Started {
  scenario: Scenario;
  /** The first instance (its memory is what the report shows) and any others. */
  servers: Server[];
  startupMs: number;
  idle: Memory;
}

async function waitUntilReady(server: Server, kind: Kind): Promise<number> {
  const probe = async (): Promise<boolean> => {
    if (kind === 'bot') return (await request(false, server.port, 'GET', '/readyz')).status === 200;
    const reply = await request(false, server.port, 'POST', '/api/messages', activityBody({ conversationId: 'ready', userId: 'ready' }, 'ready?'));
    return reply.status === 200 && hasMessageReply(reply.body);
  };
  for (;;) {
    if (!running(server.child)) {
      throw new Error(`the server stopped during start-up (exit ${server.child.exitCode ?? server.child.signalCode}):\n${server.output.toString()}`);
    }
    if (performance.now() - server.spawnedAt > START_TIMEOUT_MS) throw new Error(`the server did not answer within ${START_TIMEOUT_MS} ms:\n${server.output.toString()}`);
    try {
      if (await probe()) return round(performance.now() - server.spawnedAt);
    } catch {
      // not listening yet
    }
    await sleep(READY_POLL_MS);
  }
}

/** Starts a server while the others stay idle, and reads its start-up time and idle memory. */
async function start(scenario: Scenario): Promise<Started> {
  const servers: Server[] = [];
  let startupMs = 0;
  for (let i = 0; i < (scenario.instances ?? 1); i++) {
    const server = spawnServer(scenario.script, await freePort(), scenario.dataDir, scenario.env);
    servers.push(server);
    startupMs = Math.max(startupMs, await waitUntilReady(server, scenario.kind));
  }
  const [first] = servers;
  if (!first) throw new Error(`${scenario.name} has no instance`);
  await sleep(settings.idleSeconds * 1000);
  const idle = memoryOf(first.pid);
  process.stderr.write(`  ${scenario.name}: started in ${startupMs} ms, idle ${idle.rssMb} MB\n`);
  return { scenario, servers, startupMs, idle };
}

async function stop(started: Started): Promise<void> {
  for (const server of started.servers) await stopServer(server);
  const output = started.servers
    .map((server) => server.output.toString())
    .join('\n')
    .toString()
    .split('\n')
    .filter((line) => !/DeprecationWarning|--trace-deprecation/.test(line))
    .join('\n')
    .trim();
  if (output !== '' && started.scenario.kind === 'bot') process.stderr.write(`  ${started.scenario.name} wrote:\n${output.slice(-1500)}\n`);
}

async function runScenarios(scenarios: readonly Scenario[]): Promise<Map<ScenarioId, ScenarioResult>> {
  const started: Started[] = [];
  try {
    for (const scenario of scenarios) started.push(await start(scenario));
    const loads = new Map<ScenarioId, LoadResult[]>();
    for (const concurrency of settings.concurrencies) {
      process.stderr.write(`${concurrency} connections...\n`);
      for (const run of await measure(started, concurrency)) {
        loads.set(run.scenario.id, [...(loads.get(run.scenario.id) ?? []), loadResult(run)]);
      }
    }
    const results = new Map<ScenarioId, ScenarioResult>();
    for (const { scenario, servers, startupMs, idle } of started) {
      const [first] = servers;
      if (!first) continue;
      const end = memoryOf(first.pid);
      results.set(scenario.id, {
        name: scenario.name,
        startupMs,
        idleRssMb: idle.rssMb,
        peakRssMb: end.peakRssMb,
        rssAfterLoadMb: end.rssMb,
        loads: loads.get(scenario.id) ?? [],
      });
    }
    return results;
  } finally {
    for (const s of started) await stop(s);
  }
}

interface SeedInfo {
  dataDir: string;
  conversations: number;
  orders: number;
  ms: number;
  reused: boolean;
}

async function seed(): Promise<SeedInfo> {
  if (settings.seededDir) {
    return { dataDir: resolve(settings.seededDir), conversations: settings.conversations, orders: settings.orders, ms: 0, reused: true };
  }
  const dataDir = join(tempDir('fa-bench-seeded-'), 'data');
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'bench', 'seed-data.ts'), dataDir, String(settings.conversations), String(settings.orders)],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  const output = new Tail();
  child.stdout.on('data', (chunk: Buffer) => output.add(chunk));
  child.stderr.on('data', (chunk: Buffer) => output.add(chunk));
  const code = await new Promise<number | null>((done) => child.once('exit', (exitCode) => done(exitCode)));
  children.delete(child);
  if (code !== 0) throw new Error(`seeding failed:\n${output.toString()}`);
  return { dataDir, conversations: settings.conversations, orders: settings.orders, ms: round(performance.now() - started), reused: false };
}

// ---------------------------------------------------------------------------------------------
// Report

function loadAt(result: ScenarioResult | undefined, concurrency: number): LoadResult | undefined {
  return result?.loads.find((l) => l.concurrency === concurrency);
}

function table(results: readonly ScenarioResult[]): string {
  const header = [
    'scenario', 'conns', 'turns/s', 'p50 ms', 'p99 ms', 'max ms', 'turns', 'errors', 'unexpected',
    'cpu ms/turn', 'db cpu ms/turn', 'db trips/turn', 'other cores', 'start-up ms', 'idle MB', 'peak MB',
  ];
  const rows = results.flatMap((r) =>
    r.loads.map((l) => [
      r.name,
      String(l.concurrency),
      l.turnsPerSecond.toFixed(1),
      l.latencyMs.p50.toFixed(1),
      l.latencyMs.p99.toFixed(1),
      l.latencyMs.max.toFixed(1),
      String(l.turns),
      String(l.errors),
      String(l.unexpected),
      l.cpu.serverMsPerTurn.toFixed(2),
      l.databaseRoundTripsPerTurn === null ? '-' : l.cpu.databaseMsPerTurn.toFixed(2),
      l.databaseRoundTripsPerTurn === null ? '-' : l.databaseRoundTripsPerTurn.toFixed(2),
      l.cpu.otherCores.toFixed(2),
      String(r.startupMs),
      r.idleRssMb.toFixed(1),
      r.peakRssMb.toFixed(1),
    ]),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function mark(met: boolean): string {
  return met ? 'met' : 'MISSED';
}

async function main(): Promise<void> {
  const began = new Date();
  process.stderr.write(
    `Filing Assistant benchmark: ${settings.seconds} s per run in ${settings.sliceSeconds} s slices, servers taking turns, ` +
      `after ${settings.warmupSeconds} s warm-up; ` +
      `connections ${settings.concurrencies.join(', ')}, ${os.cpus().length} CPUs, node ${process.version}\n`,
  );
  const wanted = (id: ScenarioId): boolean => settings.only.includes(id);
  let seeded: SeedInfo | undefined;
  if (wanted('seeded')) {
    process.stderr.write(`seeding ${settings.conversations} conversations and ${settings.orders} orders...\n`);
    seeded = await seed();
    process.stderr.write(`  ${seeded.reused ? 'reusing' : `seeded in ${seeded.ms} ms:`} ${seeded.dataDir}\n`);
  }
  if (settings.cpuProfDir !== undefined) mkdirSync(settings.cpuProfDir, { recursive: true });

  const scenarios: Scenario[] = [
    { id: 'echo', name: 'echo bot', kind: 'echo', script: join(ROOT, 'bench', 'echo-bot.ts') },
    { id: 'empty', name: 'assistant, empty store', kind: 'bot', script: join(ROOT, 'src', 'main.ts'), dataDir: join(tempDir('fa-bench-empty-'), 'data') },
  ];
  if (seeded) {
    scenarios.push({
      id: 'seeded',
      name: `assistant, ${round(seeded.conversations / 1000, 1)}k conv + ${round(seeded.orders / 1000, 1)}k orders`,
      kind: 'bot',
      script: join(ROOT, 'src', 'main.ts'),
      dataDir: seeded.dataDir,
    });
  }
  const postgres = wanted('postgres') || wanted('postgres2') ? await startBenchDatabase() : undefined;
  if (postgres) {
    const onPostgres = (schema: string): NodeJS.ProcessEnv => ({ DATABASE_URL: postgres.running.url, DATABASE_SCHEMA: schema });
    scenarios.push(
      { id: 'postgres', name: 'assistant, PostgreSQL', kind: 'bot', script: join(ROOT, 'src', 'main.ts'), dataDir: join(tempDir('fa-bench-pg1-'), 'data'), env: onPostgres('bench_one'), database: postgres.database },
      {
        id: 'postgres2',
        name: 'assistant, PostgreSQL, 2 instances',
        kind: 'bot',
        script: join(ROOT, 'src', 'main.ts'),
        // One DATA_DIR for both: nothing is kept there on PostgreSQL, and no lock keeps them apart.
        dataDir: join(tempDir('fa-bench-pg2-'), 'data'),
        env: onPostgres('bench_two'),
        instances: 2,
        database: postgres.database,
      },
    );
  }
  const byId = await runScenarios(scenarios.filter((s) => wanted(s.id))).finally(() => postgres?.close());
  const results = [...byId.values()];
  const echo = byId.get('echo');
  const empty = byId.get('empty');
  const full = byId.get('seeded');

  const c = TARGET.concurrency;
  const echoLoad = loadAt(echo, c);
  const emptyLoad = loadAt(empty, c);
  const fullLoad = loadAt(full, c);
  const vsEcho = echoLoad && emptyLoad && echoLoad.turnsPerSecond > 0 ? emptyLoad.turnsPerSecond / echoLoad.turnsPerSecond : undefined;
  const p99s = [emptyLoad, fullLoad].flatMap((l) => (l ? [l.latencyMs.p99] : []));
  const p99 = p99s.length > 0 ? Math.max(...p99s) : undefined;
  const onePostgresLoad = loadAt(byId.get('postgres'), c);
  const twoPostgresLoad = loadAt(byId.get('postgres2'), c);
  const postgresVsLowdb = onePostgresLoad && emptyLoad && emptyLoad.turnsPerSecond > 0 ? onePostgresLoad.turnsPerSecond / emptyLoad.turnsPerSecond : undefined;
  const seededChange = emptyLoad && fullLoad && emptyLoad.turnsPerSecond > 0 ? fullLoad.turnsPerSecond / emptyLoad.turnsPerSecond - 1 : undefined;
  const errors = results.reduce((sum, r) => sum + r.loads.reduce((s, l) => s + l.errors, 0), 0);
  const unexpected = results.reduce((sum, r) => sum + r.loads.reduce((s, l) => s + l.unexpected, 0), 0);
  const targets = {
    throughputVsEcho: { value: vsEcho === undefined ? null : round(vsEcho, 3), target: TARGET.throughputVsEcho, met: vsEcho !== undefined && vsEcho >= TARGET.throughputVsEcho },
    p99Ms: { value: p99 ?? null, target: TARGET.p99Ms, met: p99 !== undefined && p99 < TARGET.p99Ms },
    seededVsEmpty: {
      value: seededChange === undefined ? null : round(seededChange, 3),
      target: TARGET.seededWithin,
      met: seededChange !== undefined && Math.abs(seededChange) <= TARGET.seededWithin,
    },
    postgresVsLowdb: {
      value: postgresVsLowdb === undefined ? null : round(postgresVsLowdb, 3),
      target: TARGET.postgresVsLowdb,
      met: postgresVsLowdb !== undefined && postgresVsLowdb >= TARGET.postgresVsLowdb,
    },
    noErrors: { value: errors, target: 0, met: errors === 0 },
  };

  const out: string[] = ['', table(results), ''];
  for (const r of [empty, full, byId.get('postgres'), byId.get('postgres2')].flatMap((x) => x ?? [])) {
    const recorded = r.loads.reduce((s, l) => s + l.ordersRecorded, 0);
    out.push(`${r.name}: start-up ${r.startupMs} ms, idle ${r.idleRssMb} MB, peak ${r.peakRssMb} MB, ${recorded} orders recorded under load`);
    const at = loadAt(r, c);
    if (at) {
      const order = [...new Set(conversationScript(0, 0).map((t) => t.step))];
      const steps = Object.entries(at.byStep)
        .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
        .map(([step, l]) => `${step} ${Math.round(l.p50)}/${Math.round(l.p99)}`);
      out.push(`  p50/p99 ms by turn at ${c} connections: ${steps.join(', ')}`);
    }
  }
  if (echo) out.push(`echo bot: start-up ${echo.startupMs} ms, idle ${echo.idleRssMb} MB, peak ${echo.peakRssMb} MB`);
  out.push('');
  const cpuVsEcho = echoLoad && emptyLoad && emptyLoad.cpu.serverMsPerTurn > 0 ? echoLoad.cpu.serverMsPerTurn / emptyLoad.cpu.serverMsPerTurn : undefined;
  out.push(
    `throughput vs echo: ${vsEcho === undefined ? 'n/a' : vsEcho.toFixed(2)} (target ≥ ${TARGET.throughputVsEcho}) ${mark(targets.throughputVsEcho.met)}` +
      (cpuVsEcho === undefined ? '' : `; by server CPU per turn: ${cpuVsEcho.toFixed(2)}`),
  );
  out.push(
    `p99 at ${c} connections: ${emptyLoad ? emptyLoad.latencyMs.p99.toFixed(1) : 'n/a'} ms empty, ${fullLoad ? fullLoad.latencyMs.p99.toFixed(1) : 'n/a'} ms seeded ` +
      `(target < ${TARGET.p99Ms}) ${mark(targets.p99Ms.met)}`,
  );
  out.push(
    `seeded vs empty throughput: ${seededChange === undefined ? 'n/a' : `${seededChange >= 0 ? '+' : ''}${(seededChange * 100).toFixed(1)}%`} ` +
      `(target within ${TARGET.seededWithin * 100}%) ${mark(targets.seededVsEmpty.met)}`,
  );
  if (postgresVsLowdb !== undefined) {
    out.push(
      `PostgreSQL (one instance) vs lowdb throughput: ${postgresVsLowdb.toFixed(2)} (target ≥ ${TARGET.postgresVsLowdb}) ${mark(targets.postgresVsLowdb.met)}` +
        (twoPostgresLoad && onePostgresLoad && onePostgresLoad.turnsPerSecond > 0
          ? `; two instances: ${(twoPostgresLoad.turnsPerSecond / onePostgresLoad.turnsPerSecond).toFixed(2)} × one`
          : ''),
    );
  }
  const busiest = Math.max(0, ...results.flatMap((r) => r.loads.map((l) => l.cpu.otherCores)));
  if (busiest > OTHER_LOAD_WARNING) {
    out.push(
      `note: other processes used up to ${busiest.toFixed(2)} cores during the runs (of ${os.cpus().length}): wall-clock figures are disturbed; ` +
        'CPU ms per turn is the steadier measure. Run again on a quiet machine.',
    );
  }
  const withoutSource = results.reduce((sum, r) => sum + r.loads.reduce((s, l) => s + l.questionsWithoutSource, 0), 0);
  out.push(`errors: ${errors} (must be 0); flow steps not answered as expected: ${unexpected} (must be 0)`);
  if (withoutSource > 0) out.push(`questions answered without a source ("did you mean" or "I don't know"): ${withoutSource}`);
  for (const r of results) for (const l of r.loads) for (const p of l.problems) out.push(`  ${r.name}, ${l.concurrency} connections: ${p}`);
  process.stdout.write(`${out.join('\n')}\n`);

  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(
    RESULTS_FILE,
    `${JSON.stringify(
      {
        date: began.toISOString(),
        machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGb: round(os.totalmem() / 2 ** 30, 1), node: process.version, platform: `${os.platform()} ${os.release()}` },
        settings: { ...settings, seededDir: seeded?.dataDir },
        seed: seeded,
        scenarios: results,
        targets: { ...targets, cpuPerTurnVsEcho: cpuVsEcho === undefined ? null : round(cpuVsEcho, 3) },
      },
      null,
      2,
    )}\n`,
  );
  process.stdout.write(`results: ${RESULTS_FILE}\n`);
  const missed =
    !targets.throughputVsEcho.met || !targets.p99Ms.met || !targets.seededVsEmpty.met || (targets.postgresVsLowdb.value !== null && !targets.postgresVsLowdb.met);
  if (errors > 0 || unexpected > 0 || (settings.strict && missed)) process.exitCode = 1;
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(cleanUp);
