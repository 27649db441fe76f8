// The question log on lowdb: DATA_DIR/questions/unanswered-<day>.json and feedback-<day>.json, lists
// of scrubbed records (see src/domain/questions/question-log.ts), the oldest dropped beyond the cap.
import { join } from 'node:path';
import { AnswerFeedback, MAX_RECORDS_KEPT, UnansweredQuestion, type QuestionLog } from '../../domain/questions/question-log.js';
import { nodeFileSystem, type FileSystem } from '../file-system.js';
import { DatedRecordFiles } from './dated-record-files.js';

/** The folder under DATA_DIR that holds the question log. */
export const QUESTIONS_DIR = 'questions';

export class LowdbQuestionLog implements QuestionLog {
  private constructor(
    readonly dir: string,
    private readonly unansweredFile: DatedRecordFiles<UnansweredQuestion>,
    private readonly feedbackFile: DatedRecordFiles<AnswerFeedback>,
  ) {}

  static async open(dataDir: string, options: { fs?: FileSystem; maxKept?: number } = {}): Promise<LowdbQuestionLog> {
    const fs = options.fs ?? nodeFileSystem;
    const dir = join(dataDir, QUESTIONS_DIR);
    return new LowdbQuestionLog(
      dir,
      await DatedRecordFiles.open(fs, dir, 'unanswered', UnansweredQuestion, options.maxKept ?? MAX_RECORDS_KEPT),
      await DatedRecordFiles.open(fs, dir, 'feedback', AnswerFeedback, options.maxKept ?? MAX_RECORDS_KEPT),
    );
  }

  async recordUnanswered(question: UnansweredQuestion): Promise<void> {
    await this.unansweredFile.add(UnansweredQuestion.parse(question));
  }

  async recordFeedback(feedback: AnswerFeedback): Promise<void> {
    await this.feedbackFile.add(AnswerFeedback.parse(feedback));
  }

  async unanswered(since?: Date): Promise<UnansweredQuestion[]> {
    return this.unansweredFile.since(since);
  }

  async feedback(since?: Date): Promise<AnswerFeedback[]> {
    return this.feedbackFile.since(since);
  }

  async close(): Promise<void> {
    await Promise.all([this.unansweredFile.close(), this.feedbackFile.close()]);
  }
}
