/**
 * A problem with what the analyser was given (a missing path, a hostile archive, a refused git URL):
 * one sentence the user can act on. The CLI prints it without a stack trace; the API returns it.
 */
export class CodeInputError extends Error {
  override name = 'CodeInputError';
}
