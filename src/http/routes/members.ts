import { Type } from 'typebox';
import type { AppContext } from '../../app/context.ts';
import {
  inviteMember,
  listInvitations,
  revokeInvitation,
} from '../../core/auth/flows/invitations.ts';
import {
  changeMemberRole,
  findMemberByRef,
  listMembers,
  removeMember,
  whoAmI,
} from '../../core/workspaces/flows/members.ts';
import { emailInvitation } from '../../app/mail/invitation-mail.ts';
import { emailPasswordReset } from '../../app/mail/reset-mail.ts';
import { createPasswordResetFor } from '../../core/auth/flows/password-reset.ts';
import { requireActor } from '../auth/authenticate.ts';
import {
  InvitationView,
  MemberView,
  MeView,
  presentInvitation,
  presentMe,
  presentMember,
} from '../../contract/members/member.ts';
import {
  etagOf,
  IfMatchHeaders,
  ifMatchUpdate,
  PRECONDITION_PROBLEMS,
} from '../security/preconditions.ts';
import { IdParams, withProblems } from '../schemas/common.ts';
import type { TypedApp } from './types.ts';
import type { CachedReadCheck } from '../caching/read-cache.ts';

const Role = Type.Union([Type.Literal('owner'), Type.Literal('manager'), Type.Literal('rep')]);

export function memberRoutes(app: TypedApp, ctx: AppContext, cachedRead: CachedReadCheck) {
  app.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['members'],
        summary: 'Who you are, in which workspace, and (for a browser session) the CSRF token',
        response: withProblems({ 200: MeView }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (await cachedRead(request, reply)) return reply;
      const me = await whoAmI(ctx, actor);
      const credential = request.credential!;
      return presentMe(
        me,
        credential.kind,
        credential.kind === 'session' ? credential.csrfToken : null,
      );
    },
  );

  app.get(
    '/api/v1/members',
    {
      schema: {
        tags: ['members'],
        summary: 'The members of your workspace',
        response: withProblems({ 200: Type.Array(MemberView) }),
      },
    },
    async (request) => (await listMembers(ctx, requireActor(request))).map(presentMember),
  );

  app.get(
    '/api/v1/members/:id',
    {
      schema: {
        tags: ['members'],
        summary: 'One member (id or e-mail address), with its version as the ETag',
        params: Type.Object(
          { id: Type.String({ minLength: 1, maxLength: 254 }) },
          { additionalProperties: false },
        ),
        response: withProblems({ 200: MemberView }),
      },
    },
    async (request, reply) => {
      const member = await findMemberByRef(ctx, requireActor(request), request.params.id);
      return reply.header('etag', etagOf(member.version)).send(presentMember(member));
    },
  );

  app.patch(
    '/api/v1/members/:id',
    {
      schema: {
        tags: ['members'],
        summary: "Change a member's role (owners only); needs If-Match",
        params: IdParams,
        headers: IfMatchHeaders,
        body: Type.Object({ role: Role }, { additionalProperties: false }),
        response: withProblems({ 200: MemberView }, 403, ...PRECONDITION_PROBLEMS),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const member = await ifMatchUpdate(request, reply, (expectedVersion) =>
        changeMemberRole(ctx, actor, request.params.id, {
          role: request.body.role,
          expectedVersion,
        }),
      );
      return presentMember(member);
    },
  );

  app.delete(
    '/api/v1/members/:id',
    {
      schema: {
        tags: ['members'],
        summary: 'Remove a member; their sessions and API tokens are revoked',
        description: 'The last owner cannot be removed (409).',
        params: IdParams,
        response: withProblems({ 204: Type.Null() }, 403, 409),
      },
    },
    async (request, reply) => {
      await removeMember(ctx, requireActor(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/members/:id/password-reset',
    {
      schema: {
        tags: ['members'],
        summary: "Create a one-time link to reset a member's password (owners; managers for reps)",
        description:
          'The link is e-mailed to the member when e-mail is configured, and returned to pass on by hand either way. It works once, for an hour; a newer link ends older ones.',
        params: IdParams,
        response: withProblems(
          {
            201: Type.Object({
              link: Type.String(),
              expiresAt: Type.String(),
              emailed: Type.Boolean(),
              notice: Type.Union([Type.String(), Type.Null()]),
            }),
          },
          403,
        ),
      },
    },
    async (request, reply) => {
      const issued = await createPasswordResetFor(ctx, requireActor(request), {
        member: request.params.id,
      });
      const delivery = await emailPasswordReset(ctx, issued);
      return reply.code(201).send({ ...delivery, expiresAt: issued.reset.expiresAt });
    },
  );

  app.get(
    '/api/v1/invitations',
    {
      schema: {
        tags: ['members'],
        summary: 'Pending invitations (owners and managers)',
        response: withProblems({ 200: Type.Array(InvitationView) }, 403),
      },
    },
    async (request) => (await listInvitations(ctx, requireActor(request))).map(presentInvitation),
  );

  app.post(
    '/api/v1/invitations',
    {
      schema: {
        tags: ['members'],
        summary: 'Invite someone with a role; the token is shown once, to pass on to them',
        body: Type.Object(
          { email: Type.String({ minLength: 3, maxLength: 254 }), role: Role },
          { additionalProperties: false },
        ),
        response: withProblems(
          {
            201: Type.Object({
              invitation: Type.Object(InvitationView.properties),
              token: Type.String(),
              /** True when the link went out by e-mail to the invited address. */
              emailed: Type.Boolean(),
              /** The join link to pass on (always given; the e-mail carries the same). */
              link: Type.String(),
              /** Why it was not e-mailed (e-mail not configured, or the send failed). */
              notice: Type.Union([Type.String(), Type.Null()]),
            }),
          },
          403,
          409,
        ),
      },
    },
    async (request, reply) => {
      const { invitation, token } = await inviteMember(ctx, requireActor(request), request.body);
      const delivery = await emailInvitation(ctx, invitation, token);
      return reply
        .code(201)
        .send({ invitation: presentInvitation(invitation), token, ...delivery });
    },
  );

  app.delete(
    '/api/v1/invitations/:id',
    {
      schema: {
        tags: ['members'],
        summary: 'Revoke a pending invitation',
        params: IdParams,
        response: withProblems({ 204: Type.Null() }, 403),
      },
    },
    async (request, reply) => {
      await revokeInvitation(ctx, requireActor(request), request.params.id);
      return reply.code(204).send();
    },
  );
}
