import { extractCommitments, type ExtractionResult } from '../extraction/index.ts';
import type { ReadDeps } from '../shared/deps.ts';
import type { Actor } from '../workspaces/types.ts';
import {
  resolveCallSetting,
  type CallSetting,
  type CallSettingDeps,
  type CallSettingInput,
} from './call-setting.ts';
import { parseNotes } from './validation.ts';

export interface CallPreview {
  setting: CallSetting;
  proposals: ExtractionResult;
}

/**
 * The first step of logging a call: reads the notes and proposes the promises made and the
 * next step agreed, without saving anything. A person confirms, edits or drops each proposal
 * before the call is saved.
 */
export async function previewCall(
  deps: ReadDeps & CallSettingDeps,
  actor: Actor,
  input: CallSettingInput & { notes?: string | null },
): Promise<CallPreview> {
  const notes = parseNotes(input.notes);
  const setting = await resolveCallSetting(deps, deps.runner.executor, actor, input);
  return { setting, proposals: extractCommitments(notes, setting.extraction) };
}
