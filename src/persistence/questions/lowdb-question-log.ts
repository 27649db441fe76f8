// The question log on lowdb: DATA_DIR/questions/unanswered.json and feedback.json, each a list of
// scrubbed records (see src/domain/questions/question-log.ts), the oldest dropped beyond the cap.
import { join } from 'node:path';
import { AnswerFeedback, UnansweredQuestion, type QuestionLog } from '../../domain/questions/question-log.js';
import { nodeFileSystem, type FileSystem } from '../file-system.js';
import { RecordFile } from './record-file.js';

/** The folder under DATA_DIR that holds the question log. */
export const QUESTIONS_DIR = 'questions';

export class LowdbQuestionLog implements QuestionLog {
  private constructor(
    readonly dir: string,
    private readonly unansweredFile: RecordFile<UnansweredQuestion>,
    private readonly feedbackFile: RecordFile<AnswerFeedback>,
  ) {}

  static async open(dataDir: string, options: { fs?: FileSystem; maxKept?: number } = {}): Promise<LowdbQuestionLog> {
    const fs = options.fs ?? nodeFileSystem;
    const dir = join(dataDir, QUESTIONS_DIR);
    return new LowdbQuestionLog(
      dir,
      await RecordFile.open(fs, dir, 'unanswered', UnansweredQuestion, options.maxKept),
      await RecordFile.open(fs, dir, 'feedback', AnswerFeedback, options.maxKept),
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
