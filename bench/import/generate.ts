import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';

/*
 * The rows the import benchmark measures, generated the same way for the CSV files (in each
 * tool's own format) and for the bare baseline's INSERTs: a third of the rows per tool, of which
 * 1% companies and 99% deals linked to them.
 */
export const SOURCES = ['hubspot', 'pipedrive', 'salesforce'] as const;
export type BenchSource = (typeof SOURCES)[number];

const STAGES = ['Discovery', 'Qualified', 'Demo', 'Proposal', 'Negotiation'];

export function shape(totalRows: number) {
  const perSource = Math.floor(totalRows / SOURCES.length);
  const companies = Math.max(1, Math.floor(perSource / 100));
  return { perSource, companies, deals: perSource - companies };
}

export interface BenchCompany {
  ref: string;
  name: string;
  domain: string;
}
export interface BenchDeal {
  ref: string;
  title: string;
  companyRef: string;
  stage: string;
  amount: number;
  currency: string;
  /** Day offset from 2026-01-01. */
  closeDay: number;
  createdDay: number;
}

export function company(source: BenchSource, i: number): BenchCompany {
  return {
    ref: `${source[0]}${i}`,
    name: `${source} company ${i}`,
    domain: `c${i}.${source}.example`,
  };
}

export function deal(source: BenchSource, i: number, companies: number): BenchDeal {
  return {
    ref: `${source[0]}d${i}`,
    title: `Deal ${i} with ${source} company ${i % companies}`,
    companyRef: `${source[0]}${i % companies}`,
    stage: STAGES[i % STAGES.length]!,
    amount: 1000 + ((i * 7919) % 250_000),
    currency: i % 4 === 0 ? 'EUR' : 'USD',
    closeDay: i % 365,
    createdDay: (i * 3) % 300,
  };
}

export function isoDay(day: number): string {
  return new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
}

function dateAs(source: BenchSource, day: number): string {
  const [y, m, d] = isoDay(day).split('-');
  if (source === 'hubspot') return `${m}/${d}/${y} 10:00`;
  if (source === 'pipedrive') return `${d}.${m}.${y}`;
  return `${y}-${m}-${d}`;
}

const q = (v: string | number) => `"${String(v).replace(/"/g, '""')}"`;

async function writeLines(
  file: string,
  header: string,
  count: number,
  line: (i: number) => string,
) {
  const out = fs.createWriteStream(file);
  const put = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await put(`${header}\n`);
  let chunk = '';
  for (let i = 0; i < count; i++) {
    chunk += `${line(i)}\n`;
    if (chunk.length > 64 * 1024) {
      await put(chunk);
      chunk = '';
    }
  }
  await put(chunk);
  out.end();
  await once(out, 'finish');
}

/** Writes each tool's companies and deals files into `dir`; returns the files per tool. */
export async function writeSourceFiles(dir: string, totalRows: number) {
  const { companies, deals } = shape(totalRows);
  const files: Record<BenchSource, string[]> = { hubspot: [], pipedrive: [], salesforce: [] };
  for (const source of SOURCES) {
    const c = path.join(dir, `${source}-companies.csv`);
    const d = path.join(dir, `${source}-deals.csv`);
    if (source === 'hubspot') {
      await writeLines(c, '"Record ID","Company name","Company Domain Name"', companies, (i) => {
        const x = company(source, i);
        return [x.ref, x.name, x.domain].map(q).join(',');
      });
      await writeLines(
        d,
        '"Record ID","Deal Name","Deal Stage","Amount","Deal currency code","Close Date","Deal owner","Create Date","Associated Company IDs"',
        deals,
        (i) => {
          const x = deal(source, i, companies);
          return [
            x.ref,
            x.title,
            x.stage,
            x.amount,
            x.currency,
            dateAs(source, x.closeDay),
            'Olivia Owner',
            dateAs(source, x.createdDay),
            x.companyRef,
          ]
            .map(q)
            .join(',');
        },
      );
    } else if (source === 'pipedrive') {
      await writeLines(
        c,
        'Organization - ID;Organization - Name;Organization - Website',
        companies,
        (i) => {
          const x = company(source, i);
          return [x.ref, x.name, x.domain].join(';');
        },
      );
      await writeLines(
        d,
        'Deal - ID;Deal - Title;Deal - Value;Deal - Currency;Organization - ID;Deal - Owner;Deal - Stage;Deal - Status;Deal - Expected close date;Deal - Deal created',
        deals,
        (i) => {
          const x = deal(source, i, companies);
          return [
            x.ref,
            x.title,
            x.amount,
            x.currency,
            x.companyRef,
            'Olivia Owner',
            x.stage,
            'Open',
            dateAs(source, x.closeDay),
            dateAs(source, x.createdDay),
          ].join(';');
        },
      );
    } else {
      await writeLines(c, 'Id,Name,Website,OwnerId,CreatedDate', companies, (i) => {
        const x = company(source, i);
        return [x.ref, x.name, x.domain, '005000000000001', '2026-01-01T00:00:00.000+0000']
          .map(q)
          .join(',');
      });
      await writeLines(
        d,
        'Id,Name,AccountId,StageName,Amount,CurrencyIsoCode,CloseDate,OwnerId,IsClosed,IsWon,CreatedDate',
        deals,
        (i) => {
          const x = deal(source, i, companies);
          return [
            x.ref,
            x.title,
            x.companyRef,
            x.stage,
            x.amount,
            x.currency,
            dateAs(source, x.closeDay),
            '005000000000001',
            'false',
            'false',
            `${isoDay(x.createdDay)}T00:00:00.000+0000`,
          ]
            .map(q)
            .join(',');
        },
      );
    }
    files[source] = [c, d];
  }
  return files;
}
