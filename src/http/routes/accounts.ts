import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import {
  accountTimeline,
  listAccountSummaries,
  searchWorkspace,
} from '../../core/accounts/address-book.ts';
import {
  addAccount,
  addContact,
  getAccount,
  getContact,
  listContacts,
  updateAccount,
  updateContact,
} from '../../core/accounts/flows/manage-accounts.ts';
import { requireActor } from '../auth/authenticate.ts';
import {
  AccountEventView,
  AccountListItemView,
  AccountView,
  ContactView,
  presentAccount,
  presentAccountEvent,
  presentAccountListItem,
  presentContact,
} from '../../contract/accounts/account.ts';
import { SearchResultView, presentSearchHit } from '../../contract/accounts/search-result.ts';
import { IfMatchHeaders, ifMatchUpdate, PRECONDITION_PROBLEMS } from '../security/preconditions.ts';
import { IdParams, withProblems } from '../schemas/common.ts';
import type { TypedApp } from './types.ts';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Optional = (max: number) =>
  Type.Optional(Type.Union([Type.String({ maxLength: max }), Type.Null()]));

const ContactFields = {
  name: Text(200),
  email: Optional(254),
  phone: Optional(60),
  title: Optional(200),
};

export function accountRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/v1/accounts',
    {
      schema: {
        tags: ['accounts'],
        summary:
          'List accounts, with deal counts, open value and last touch over the deals you can see',
        response: withProblems({ 200: Type.Array(AccountListItemView) }),
      },
    },
    async (request) =>
      (await listAccountSummaries(ctx, requireActor(request))).map((a) =>
        presentAccountListItem(a.account, a.summary),
      ),
  );

  app.post(
    '/api/v1/accounts',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Add an account (a company)',
        body: Type.Object(
          { name: Text(200), domain: Type.Optional(Type.String({ maxLength: 200 })) },
          { additionalProperties: false },
        ),
        response: withProblems({ 201: AccountView }, 409),
      },
    },
    async (request, reply) => {
      const account = await addAccount(ctx, requireActor(request), request.body);
      return reply.code(201).header('etag', `"${account.version}"`).send(presentAccount(account));
    },
  );

  app.get(
    '/api/v1/accounts/:id',
    {
      schema: {
        tags: ['accounts'],
        summary: 'One account',
        params: IdParams,
        response: withProblems({ 200: AccountView }),
      },
    },
    async (request, reply) => {
      const account = await getAccount(ctx, requireActor(request), request.params.id);
      return reply.header('etag', `"${account.version}"`).send(presentAccount(account));
    },
  );

  app.patch(
    '/api/v1/accounts/:id',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Rename an account or change its domain, at the version you read (If-Match)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: Type.Object(
          { name: Type.Optional(Text(200)), domain: Optional(200) },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: withProblems({ 200: AccountView }, ...PRECONDITION_PROBLEMS),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const account = await ifMatchUpdate(request, reply, (version) =>
        updateAccount(ctx, actor, request.params.id, request.body, version),
      );
      return presentAccount(account);
    },
  );

  app.get(
    '/api/v1/accounts/:id/timeline',
    {
      schema: {
        tags: ['accounts'],
        summary: 'The account’s calls, touches, deals opened and contacts added, newest first',
        params: IdParams,
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) },
          { additionalProperties: false },
        ),
        response: withProblems({ 200: Type.Array(AccountEventView) }),
      },
    },
    async (request) =>
      (
        await accountTimeline(ctx, requireActor(request), request.params.id, request.query.limit)
      ).map(presentAccountEvent),
  );

  app.get(
    '/api/v1/contacts',
    {
      schema: {
        tags: ['contacts'],
        summary: 'List contacts, optionally of one account (id or name)',
        querystring: Type.Object(
          { account: Type.Optional(Text(200)) },
          { additionalProperties: false },
        ),
        response: withProblems({ 200: Type.Array(ContactView) }),
      },
    },
    async (request) =>
      (await listContacts(ctx, requireActor(request), request.query)).map(presentContact),
  );

  app.post(
    '/api/v1/contacts',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Add a contact at an account (an e-mail address belongs to one contact)',
        body: Type.Object(
          { account: Text(200), ...ContactFields },
          { additionalProperties: false },
        ),
        response: withProblems({ 201: ContactView }, 409),
      },
    },
    async (request, reply) => {
      const contact = await addContact(ctx, requireActor(request), request.body);
      return reply.code(201).header('etag', `"${contact.version}"`).send(presentContact(contact));
    },
  );

  app.get(
    '/api/v1/contacts/:id',
    {
      schema: {
        tags: ['contacts'],
        summary: 'One contact',
        params: IdParams,
        response: withProblems({ 200: ContactView }),
      },
    },
    async (request, reply) => {
      const contact = await getContact(ctx, requireActor(request), request.params.id);
      return reply.header('etag', `"${contact.version}"`).send(presentContact(contact));
    },
  );

  app.patch(
    '/api/v1/contacts/:id',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Edit a contact (or move them to another account) at the version you read',
        params: IdParams,
        headers: IfMatchHeaders,
        body: Type.Object(
          {
            account: Type.Optional(Text(200)),
            name: Type.Optional(Text(200)),
            email: ContactFields.email,
            phone: ContactFields.phone,
            title: ContactFields.title,
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: withProblems({ 200: ContactView }, ...PRECONDITION_PROBLEMS),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const contact = await ifMatchUpdate(request, reply, (version) =>
        updateContact(ctx, actor, request.params.id, request.body, version),
      );
      return presentContact(contact);
    },
  );

  app.get(
    '/api/v1/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Search deals, accounts and contacts (case and accents ignored), best first',
        querystring: Type.Object(
          {
            q: Type.String({ minLength: 1, maxLength: 200 }),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
          },
          { additionalProperties: false },
        ),
        response: withProblems({
          200: Type.Object({ query: Type.String(), results: Type.Array(SearchResultView) }),
        }),
      },
    },
    async (request) => {
      const { q, limit } = request.query;
      const hits = await searchWorkspace(ctx, requireActor(request), q, limit);
      return { query: q, results: hits.map(presentSearchHit) };
    },
  );
}
