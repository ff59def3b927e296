// Public face of the errors layer.
export { ALL_ERROR_CODES, ERROR_CODES, codeInfo, isErrorCode, type CodeInfo, type ErrorCode, type WireCode } from './codes.js';
export {
  CommitConflictError,
  CompileError,
  OmniError,
  RecoveryError,
  RequestError,
  StoreError,
  deserializeError,
  toOmniError,
  type ErrorDetails,
  type OmniErrorOptions,
  type SerializedError,
  type Span,
} from './omni-error.js';
