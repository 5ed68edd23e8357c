export { extractCommitments } from './extract.ts';
export type {
  ExtractedCommitment,
  ExtractedNextStep,
  ExtractionContext,
  ExtractionResult,
  Side,
} from './types.ts';
