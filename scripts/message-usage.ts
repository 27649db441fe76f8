// Which messages the application code (src/ and dialogs/) uses, and whether it still compiles
// against the messages: what replaces the hand-written declarations' "no code uses this message".
import ts from 'typescript';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The application's folders; tests, scripts and benchmarks may quote an id without the bot using it. */
const APPLICATION = [join(ROOT, 'src') + sep, join(ROOT, 'dialogs') + sep];

function isApplicationFile(file: string): boolean {
  const path = file.split('/').join(sep);
  return APPLICATION.some((folder) => path.startsWith(folder)) && !path.endsWith('.generated.ts');
}

/** The application's files under the project's compiler options. */
function applicationProgram(): ts.Program {
  const configFile = ts.findConfigFile(ROOT, (file) => ts.sys.fileExists(file));
  if (!configFile) throw new Error(`no tsconfig.json in ${ROOT}`);
  const config = ts.getParsedCommandLineOfConfigFile(configFile, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!config) throw new Error(`cannot read ${configFile}`);
  return ts.createProgram(config.fileNames.filter(isApplicationFile), config.options);
}

/** The string values a type stands for: its literal members, or none when it is not only literals. */
function literalValues(type: ts.Type): string[] | undefined {
  const members = type.isUnion() ? type.types : [type];
  const values = members.map((member) => (member.isStringLiteral() ? member.value : undefined));
  return values.every((value) => value !== undefined) ? values : undefined;
}

/** Every string a template such as `weekday.${day}` can be, when each placeholder's type is a set of literals. */
function templateValues(template: ts.TemplateExpression, checker: ts.TypeChecker): string[] {
  let values = [template.head.text];
  for (const span of template.templateSpans) {
    const parts = literalValues(checker.getTypeAtLocation(span.expression));
    if (!parts) return [];
    values = values.flatMap((prefix) => parts.map((part) => `${prefix}${part}${span.literal.text}`));
  }
  return values;
}

/** Every string literal of the application, and every value of its templates that the types pin down. */
function stringsOfApplication(program: ts.Program): Set<string> {
  const checker = program.getTypeChecker();
  const strings = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) strings.add(node.text);
    else if (ts.isTemplateExpression(node)) templateValues(node, checker).forEach((value) => strings.add(value));
    ts.forEachChild(node, visit);
  };
  for (const file of program.getSourceFiles()) {
    if (isApplicationFile(file.fileName)) visit(file);
  }
  return strings;
}

function describeDiagnostic(diagnostic: ts.Diagnostic): string {
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n  ');
  if (!diagnostic.file || diagnostic.start === undefined) return text;
  const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${relative(ROOT, diagnostic.file.fileName)}:${line + 1}: ${text}`;
}

/** What the application code makes of the messages: where it does not compile, and the ids it never names. */
export interface MessageUsage {
  /** Compile errors: an id the code names that the messages lack, a placeholder a text gained or lost. */
  compileErrors: string[];
  /** Ids no application code names, word for word or through a template its types pin down. */
  unused: string[];
}

export function messageUsage(ids: Iterable<string>): MessageUsage {
  const program = applicationProgram();
  const errors = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
  const used = stringsOfApplication(program);
  return {
    compileErrors: errors.map((diagnostic) => `the code does not compile against knowledge/messages: ${describeDiagnostic(diagnostic)}`),
    unused: [...ids].filter((id) => !used.has(id)).map((id) => `knowledge/messages: ${id}: no code uses this message (remove it, or use it)`),
  };
}
