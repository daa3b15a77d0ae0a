/**
 * Errors the CLI reports as one line and exit code 2: input that could not be read, or a
 * command line it does not understand. They are plain `Error`s with a marker, not a subclass,
 * because jsii compiles every file under src and refuses exported `Error` subclasses.
 */
const MARKER = 'cdkSecureServerlessInputError';

/** An error whose message is the one-line reason printed on stderr (exit code 2). */
export function inputError(message: string): Error {
  const error = new Error(oneLine(message));
  Object.defineProperty(error, MARKER, { value: true });
  return error;
}

/** Whether the error was made by `inputError`. */
export function isInputError(error: unknown): error is Error {
  return error instanceof Error && (error as unknown as { [MARKER]?: boolean })[MARKER] === true;
}

/** The first line of a message, trimmed: stderr gets one line, never a stack trace. */
export function oneLine(message: string): string {
  const first = message.split(/\r?\n/).map(line => line.trim()).find(line => line.length > 0);
  return first ?? 'unknown error';
}
