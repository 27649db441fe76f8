// Finding the cause of a failed turn: botbuilder wraps an error thrown inside a dialog in `.error`,
// and our own errors keep what they wrap in `.cause`.

/** A field of an error-like value, if it has one. */
export function fieldOf(error: unknown, field: string): unknown {
  return typeof error === 'object' && error !== null && field in error ? Reflect.get(error, field) : undefined;
}

/** Whether an error, or one it wraps (botbuilder wraps dialog errors in `.error`), is of `kind`. */
export function causedBy(error: unknown, kind: new (...args: never[]) => Error): boolean {
  for (let current = error, depth = 0; current !== undefined && depth < 10; depth++) {
    if (current instanceof kind) return true;
    current = fieldOf(current, 'error') ?? fieldOf(current, 'cause');
  }
  return false;
}
