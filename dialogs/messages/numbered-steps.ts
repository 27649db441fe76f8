// Steps as one numbered markdown list ("1. …\n2. …"), as the summary card and the recorded reply show them.
export function numberedSteps(steps: readonly string[]): string {
  return steps.map((step, index) => `${index + 1}. ${step}`).join('\n');
}
