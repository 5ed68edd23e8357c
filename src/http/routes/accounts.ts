import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import {
  addAccount,
  addContact,
  listAccounts,
  listContacts,
} from '../../core/accounts/manage-accounts.ts';
import { requireActor } from '../auth/authenticate.ts';
import {
  AccountView,
  ContactView,
  presentAccount,
  presentContact,
} from '../presenters/account-presenter.ts';
import { withProblems } from '../schemas/common.ts';
import type { TypedApp } from './types.ts';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

export function accountRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/v1/accounts',
    {
      schema: {
        tags: ['accounts'],
        summary: 'List accounts',
        response: withProblems({ 200: Type.Array(AccountView) }),
      },
    },
    async (request) => (await listAccounts(ctx, requireActor(request))).map(presentAccount),
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
      return reply.code(201).send(presentAccount(account));
    },
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
        summary: 'Add a contact at an account',
        body: Type.Object(
          {
            account: Text(200),
            name: Text(200),
            email: Type.Optional(Type.String({ maxLength: 254 })),
            title: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: withProblems({ 201: ContactView }),
      },
    },
    async (request, reply) => {
      const contact = await addContact(ctx, requireActor(request), request.body);
      return reply.code(201).send(presentContact(contact));
    },
  );
}
