import type { HeaderIndex } from '../columns.ts';
import { invalid } from '../../kernel/errors.ts';
import type { CrmSource } from '../types.ts';
import type { FileFormat, SourceFormat } from './format.ts';
import { hubspotFormat } from './hubspot.ts';
import { pipedriveFormat } from './pipedrive.ts';
import { salesforceFormat } from './salesforce.ts';

export const SOURCE_FORMATS: Record<CrmSource, SourceFormat> = {
  hubspot: hubspotFormat,
  pipedrive: pipedriveFormat,
  salesforce: salesforceFormat,
};

const EXPECTED: Record<CrmSource, string> = {
  hubspot: '"Record ID" with "Deal Name", "Company name", "First Name"/"Email" or "Task Title"',
  pipedrive:
    '"Deal - Title" (or "Title" and "Value"), "Organization - Name", "Person - Name" or "Activity - Subject"',
  salesforce:
    '"Id" with "StageName", "WhatId", "AccountId" and "LastName", or "Name" and "OwnerId"',
};

/** Which tool wrote a file, and which of its objects the file holds, from its header row. */
export function recogniseFile(file: string, header: HeaderIndex, from?: CrmSource): FileFormat {
  if (from) {
    const format = SOURCE_FORMATS[from].recognise(header);
    if (!format) {
      throw invalid(
        `${file} does not look like a ${from} export: expected columns such as ${EXPECTED[from]}; its columns are ${header.names.slice(0, 8).join(', ')}${header.size > 8 ? ', …' : ''}.`,
      );
    }
    return format;
  }
  for (const source of Object.values(SOURCE_FORMATS)) {
    const format = source.recognise(header);
    if (format) return format;
  }
  throw invalid(
    `Cannot tell which tool exported ${file} from its columns (${header.names.slice(0, 8).join(', ')}${header.size > 8 ? ', …' : ''}). Name it with --from hubspot|pipedrive|salesforce.`,
  );
}
